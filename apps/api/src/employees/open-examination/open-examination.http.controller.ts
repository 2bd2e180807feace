import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, openExamination } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { NipParam } from '../../http/params.js';
import { OpenExaminationRequest } from './open-examination.request.dto.js';
import { OpenExaminationResponse } from './open-examination.response.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/examinations')
export class OpenExaminationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, OpenExaminationResponse, 'Opened: a disciplinary examination is under way')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  open(@Param() { nip }: NipParam, @Body() body: OpenExaminationRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(openExamination, { ...body, nip }, commandContext(request, actor, body)));
  }
}
