import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, decidePromotion } from '#application';
import { CaseIdParam } from '../../http/params.js';
import { DecidePromotionRequest } from './decide-promotion.request.dto.js';

export const CASE_RESPONSE_EXAMPLE = {
  caseId: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
  status: 'IN_PROGRESS',
  stage: 'committee',
  version: 2,
  position: 131,
};

@ApiTags('promotions')
@ApiBearerAuth()
@Controller('api/promotions/:caseId/decisions')
export class DecidePromotionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('verifier', 'committee', 'ppk', 'hr', 'admin')
  @ApiOkResponse({
    description: 'Decided; `stage` is the stage after the decision (null once closed)',
    schema: { example: CASE_RESPONSE_EXAMPLE },
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN (not the stage role) or SOD_VIOLATION' })
  @ApiConflictResponse({
    description: 'CONFLICT (closed case, claimed by someone else) or CONCURRENCY_CONFLICT (stale expectedVersion, lost race)',
  })
  decide(
    @Param() { caseId }: CaseIdParam,
    @Body() body: DecidePromotionRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(new RunCommand(decidePromotion, { ...body, caseId }, commandContext(request, actor, body)));
  }
}
