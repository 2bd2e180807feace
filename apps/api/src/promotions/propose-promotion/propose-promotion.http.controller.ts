import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, proposePromotion } from '#application';
import { ProposePromotionRequest } from './propose-promotion.request.dto.js';

@ApiTags('promotions')
@ApiBearerAuth()
@Controller('api/promotions')
export class ProposePromotionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCreatedResponse({
    description: 'Proposed; every merit rule outcome is recorded with the policy version',
    schema: {
      example: {
        caseId: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
        eligible: true,
        exception: false,
        rules: [{ rule: 'GRADE_STEP', passed: true, detail: 'III/b to III/c is one step' }],
        policyVersion: 1,
        status: 'IN_PROGRESS',
        stage: 'verification',
        dueAt: '2026-03-04T03:00:00.000Z',
        position: 120,
        version: 1,
      },
    },
  })
  @ApiForbiddenResponse({ description: 'SOD_VIOLATION: nobody proposes their own promotion' })
  @ApiConflictResponse({ description: 'The employee already has an open case' })
  @ApiUnprocessableEntityResponse({ description: 'NOT_ELIGIBLE: merit rules fail and no exception justification was given' })
  propose(@Body() body: ProposePromotionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(proposePromotion, body, commandContext(request, actor, body)));
  }
}
