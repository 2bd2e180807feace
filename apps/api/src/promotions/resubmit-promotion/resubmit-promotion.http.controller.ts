import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, resubmitPromotion, withdrawPromotion } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { CaseActionRequest, WithdrawPromotionRequest } from '../decide-promotion/decide-promotion.request.dto.js';
import { CaseActionResponse } from '../decide-promotion/decide-promotion.response.dto.js';

/** What the proposer does with their own case: send a returned one back, or withdraw it. */
@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions/:caseId')
export class ProposerActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('resubmission')
  @HttpCode(200)
  @Roles('hr')
  @ApiBody({ type: CaseActionRequest, required: false })
  @ApiCommand()
  @ApiAnswer(200, CaseActionResponse, 'Back at the stage that returned it, with a new deadline')
  @ApiErrorAnswer(403, 'FORBIDDEN: only the proposer resubmits')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the case is not returned; CONCURRENCY_CONFLICT: stale expectedVersion')
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
  @ApiCommand()
  @ApiAnswer(200, CaseActionResponse, 'Withdrawn: `status` is WITHDRAWN, `stage` null')
  @ApiErrorAnswer(403, 'FORBIDDEN: only the proposer withdraws')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the case is already closed; CONCURRENCY_CONFLICT: stale expectedVersion')
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
