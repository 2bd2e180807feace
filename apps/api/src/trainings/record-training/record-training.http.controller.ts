import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, recordTraining } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { RecordTrainingRequest } from './record-training.request.dto.js';
import { RecordTrainingResponse } from './record-training.response.dto.js';

@ApiTags('trainings')
@ApiAuthenticated()
@Controller('api/trainings')
export class RecordTrainingController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, RecordTrainingResponse, 'Recorded')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the certificate is already recorded for this employee')
  record(@Body() body: RecordTrainingRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(recordTraining, body, commandContext(request, actor, body)));
  }
}
