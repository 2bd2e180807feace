import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, imposeSanction } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { NipParam } from '../../http/params.js';
import { ImposeSanctionRequest } from './impose-sanction.request.dto.js';
import { ImposeSanctionResponse } from './impose-sanction.response.dto.js';

@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/sanctions')
export class ImposeSanctionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, ImposeSanctionResponse, 'Recorded on the employee’s stream')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  impose(@Param() { nip }: NipParam, @Body() body: ImposeSanctionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(imposeSanction, { ...body, nip }, commandContext(request, actor, body)));
  }
}
