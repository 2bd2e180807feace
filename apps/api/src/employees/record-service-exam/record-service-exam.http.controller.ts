import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, recordServiceExam } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer, CommandPosition } from '../../http/openapi.js';
import { NipParam } from '../../http/params.js';
import { RecordServiceExamRequest } from './record-service-exam.request.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/service-exams')
export class RecordServiceExamController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, CommandPosition, 'The passed exam is recorded')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: that certificate is already recorded')
  record(@Param() { nip }: NipParam, @Body() body: RecordServiceExamRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(recordServiceExam, { ...body, nip }, commandContext(request, actor, body)));
  }
}
