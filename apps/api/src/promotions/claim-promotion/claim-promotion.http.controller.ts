import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, claimPromotion, releaseClaim } from '#application';
import { CaseIdParam } from '../../http/params.js';
import { CASE_RESPONSE_EXAMPLE } from '../decide-promotion/decide-promotion.http.controller.js';
import { CaseActionRequest } from '../decide-promotion/decide-promotion.request.dto.js';

@ApiTags('promotions')
@ApiBearerAuth()
@Controller('api/promotions/:caseId/claim')
export class ClaimPromotionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('verifier', 'committee', 'ppk', 'hr', 'admin')
  @ApiBody({ type: CaseActionRequest, required: false })
  @ApiOkResponse({ description: 'Claimed for 2 hours', schema: { example: CASE_RESPONSE_EXAMPLE } })
  @ApiConflictResponse({ description: 'Someone else holds the claim' })
  claim(@Param() { caseId }: CaseIdParam, @Body() body: CaseActionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(
      new RunCommand(claimPromotion, { caseId, expectedVersion: body?.expectedVersion }, commandContext(request, actor, body)),
    );
  }

  @Delete()
  @HttpCode(200)
  @Roles('verifier', 'committee', 'ppk', 'hr', 'admin')
  @ApiOkResponse({ description: 'Released', schema: { example: CASE_RESPONSE_EXAMPLE } })
  release(@Param() { caseId }: CaseIdParam, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(releaseClaim, { caseId }, commandContext(request, actor, null)));
  }
}
