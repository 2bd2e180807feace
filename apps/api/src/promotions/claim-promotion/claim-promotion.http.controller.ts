import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, claimPromotion, releaseClaim } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { CaseActionRequest } from '../decide-promotion/decide-promotion.request.dto.js';
import { CaseActionResponse } from '../decide-promotion/decide-promotion.response.dto.js';

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions/:caseId/claim')
export class ClaimPromotionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('verifier', 'committee', 'ppk', 'bkn', 'hr', 'admin')
  @ApiBody({ type: CaseActionRequest, required: false })
  @ApiCommand()
  @ApiAnswer(200, CaseActionResponse, 'Claimed for 2 hours')
  @ApiErrorAnswer(403, 'FORBIDDEN: not the role of the case’s current stage')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: someone else holds the claim, or the case is closed; CONCURRENCY_CONFLICT: stale expectedVersion')
  claim(@Param() { caseId }: CaseIdParam, @Body() body: CaseActionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(
      new RunCommand(claimPromotion, { caseId, expectedVersion: body?.expectedVersion }, commandContext(request, actor, body)),
    );
  }

  @Delete()
  @HttpCode(200)
  @Roles('verifier', 'committee', 'ppk', 'bkn', 'hr', 'admin')
  @ApiCommand()
  @ApiAnswer(200, CaseActionResponse, 'Released')
  @ApiErrorAnswer(403, 'FORBIDDEN: the claim is someone else’s')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the case is not claimed')
  release(@Param() { caseId }: CaseIdParam, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(releaseClaim, { caseId }, commandContext(request, actor, null)));
  }
}
