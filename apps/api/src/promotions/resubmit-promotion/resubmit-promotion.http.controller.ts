import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, resubmitPromotion, withdrawPromotion } from '#application';
import { CaseIdParam } from '../../http/params.js';
import { CASE_RESPONSE_EXAMPLE } from '../decide-promotion/decide-promotion.http.controller.js';
import { CaseActionRequest, WithdrawPromotionRequest } from '../decide-promotion/decide-promotion.request.dto.js';

/** What the proposer does with their own case: send a returned one back, or withdraw it. */
@ApiTags('promotions')
@ApiBearerAuth()
@Controller('api/promotions/:caseId')
export class ProposerActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('resubmission')
  @HttpCode(200)
  @Roles('hr')
  @ApiBody({ type: CaseActionRequest, required: false })
  @ApiOkResponse({ description: 'Back at the stage that returned it, with a new deadline', schema: { example: CASE_RESPONSE_EXAMPLE } })
  @ApiConflictResponse({ description: 'The case is not returned' })
  resubmit(
    @Param() { caseId }: CaseIdParam,
    @Body() body: CaseActionRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(
      new RunCommand(resubmitPromotion, { caseId, expectedVersion: body?.expectedVersion }, commandContext(request, actor, body)),
    );
  }

  @Post('withdrawal')
  @HttpCode(200)
  @Roles('hr')
  @ApiBody({ type: WithdrawPromotionRequest, required: false })
  @ApiOkResponse({ description: 'Withdrawn', schema: { example: { ...CASE_RESPONSE_EXAMPLE, status: 'WITHDRAWN', stage: null } } })
  @ApiConflictResponse({ description: 'The case is already closed' })
  withdraw(
    @Param() { caseId }: CaseIdParam,
    @Body() body: WithdrawPromotionRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(
      new RunCommand(
        withdrawPromotion,
        { caseId, reason: body?.reason ?? null, expectedVersion: body?.expectedVersion },
        commandContext(request, actor, body),
      ),
    );
  }
}
