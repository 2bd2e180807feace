import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, closeExamination } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer, CommandPosition } from '../../http/openapi.js';
import { ExaminationParams } from '../employee-params.js';
import { CloseExaminationRequest } from './close-examination.request.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/examinations/:id/closure')
export class CloseExaminationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(200, CommandPosition, 'Closed')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency, or no such examination')
  @ApiErrorAnswer(409, 'CONFLICT: the examination is already closed')
  close(
    @Param() { nip, id }: ExaminationParams,
    @Body() body: CloseExaminationRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(
      new RunCommand(closeExamination, { ...body, nip, examinationId: id }, commandContext(request, actor, body)),
    );
  }
}
