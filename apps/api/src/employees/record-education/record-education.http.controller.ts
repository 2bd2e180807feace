import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, recordEducation } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer, CommandPosition } from '../../http/openapi.js';
import { NipParam } from '../../http/params.js';
import { RecordEducationRequest } from './record-education.request.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/education')
export class RecordEducationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, CommandPosition, 'Recorded on the employee’s stream')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  record(@Param() { nip }: NipParam, @Body() body: RecordEducationRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(recordEducation, { ...body, nip }, commandContext(request, actor, body)));
  }
}
