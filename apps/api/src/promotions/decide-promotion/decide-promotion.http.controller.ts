import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, decidePromotion } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { DecidePromotionRequest } from './decide-promotion.request.dto.js';
import { CaseActionResponse } from './decide-promotion.response.dto.js';

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions/:caseId/decisions')
export class DecidePromotionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('verifier', 'committee', 'ppk', 'bkn', 'hr', 'admin')
  @ApiCommand()
  @ApiAnswer(200, CaseActionResponse, 'Decided; `stage` is the stage after the decision (null once closed)')
  @ApiErrorAnswer(403, 'FORBIDDEN (not the stage role) or SOD_VIOLATION')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT (closed case, claimed by someone else) or CONCURRENCY_CONFLICT (stale expectedVersion, lost race)')
  decide(
    @Param() { caseId }: CaseIdParam,
    @Body() body: DecidePromotionRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(new RunCommand(decidePromotion, { ...body, caseId }, commandContext(request, actor, body)));
  }
}
