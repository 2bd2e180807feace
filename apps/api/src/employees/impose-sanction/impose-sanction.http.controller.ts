import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, imposeSanction } from '#application';
import { NipParam } from '../../http/params.js';
import { ImposeSanctionRequest } from './impose-sanction.request.dto.js';

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/employees/:nip/sanctions')
export class ImposeSanctionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCreatedResponse({ schema: { example: { sanctionId: '0b9e6a9e-4c1f-4f43-9d43-3b0c9b1f2f10', position: 57, version: 2 } } })
  @ApiNotFoundResponse({ description: 'No such employee in your agency' })
  impose(@Param() { nip }: NipParam, @Body() body: ImposeSanctionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(imposeSanction, { ...body, nip }, commandContext(request, actor, body)));
  }
}
