import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, submitAppraisal } from '#application';
import { SubmitAppraisalRequest } from './submit-appraisal.request.dto.js';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller('api/appraisals')
export class SubmitAppraisalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('evaluator')
  @ApiCreatedResponse({
    description: 'Recorded; the predikat is derived from results and behaviour (PermenPANRB 6/2022)',
    schema: { example: { appraisalId: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a', predicate: 'BAIK', position: 73, version: 1 } },
  })
  @ApiConflictResponse({ description: 'The employee already has an appraisal for that period' })
  submit(@Body() body: SubmitAppraisalRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(submitAppraisal, body, commandContext(request, actor, body)));
  }
}
