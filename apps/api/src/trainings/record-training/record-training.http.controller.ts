import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, recordTraining } from '#application';
import { RecordTrainingRequest } from './record-training.request.dto.js';

@ApiTags('trainings')
@ApiBearerAuth()
@Controller('api/trainings')
export class RecordTrainingController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCreatedResponse({ schema: { example: { trainingId: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', position: 88, version: 1 } } })
  @ApiConflictResponse({ description: 'The certificate is already recorded for this employee' })
  record(@Body() body: RecordTrainingRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(recordTraining, body, commandContext(request, actor, body)));
  }
}
