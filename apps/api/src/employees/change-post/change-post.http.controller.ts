import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, changePost } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer, CommandPosition } from '../../http/openapi.js';
import { NipParam } from '../../http/params.js';
import { ChangePostRequest } from './change-post.request.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/posts')
export class ChangePostController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, CommandPosition, 'The new post is recorded from its TMT')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  change(@Param() { nip }: NipParam, @Body() body: ChangePostRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(changePost, { ...body, nip }, commandContext(request, actor, body)));
  }
}
