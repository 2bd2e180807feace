import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, proposePromotion } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { ProposePromotionRequest } from './propose-promotion.request.dto.js';
import { ProposePromotionResponse } from './propose-promotion.response.dto.js';

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions')
export class ProposePromotionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, ProposePromotionResponse, 'Proposed; every merit rule outcome is recorded with the policy version')
  @ApiErrorAnswer(403, 'FORBIDDEN: not hr; SOD_VIOLATION: nobody proposes their own promotion')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the employee already has an open case')
  @ApiErrorAnswer(422, 'NOT_ELIGIBLE: merit rules fail and no exception justification was given; `details.rules` lists every outcome')
  propose(@Body() body: ProposePromotionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(proposePromotion, body, commandContext(request, actor, body)));
  }
}
