import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext, dispatch } from '../../commands/command-context.factory.js';
import { CaseIdParam } from '../../http/params.js';
import { CASE_RESPONSE_EXAMPLE } from '../decide-promotion/decide-promotion.http.controller.js';
import { CaseActionRequest, WithdrawPromotionRequest } from '../decide-promotion/decide-promotion.request.dto.js';
import { WithdrawPromotionCommand } from '../withdraw-promotion/withdraw-promotion.handler.js';
import { ResubmitPromotionCommand } from './resubmit-promotion.handler.js';

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
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return dispatch(
      this.commands,
      reply,
      new ResubmitPromotionCommand(commandContext(request, actor, body), caseId, body?.expectedVersion),
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
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return dispatch(
      this.commands,
      reply,
      new WithdrawPromotionCommand(commandContext(request, actor, body), caseId, body?.reason ?? null, body?.expectedVersion),
    );
  }
}
