import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { PromotionPreview, RunCommand, proposePromotion } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { PreviewPromotionRequest, ProposePromotionRequest } from './propose-promotion.request.dto.js';
import { PromotionPreviewResponse, ProposePromotionResponse } from './propose-promotion.response.dto.js';

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions')
export class ProposePromotionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly previews: PromotionPreview,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, ProposePromotionResponse, 'Proposed; every rule outcome is recorded with the reference data version')
  @ApiErrorAnswer(403, 'FORBIDDEN: not hr; SOD_VIOLATION: nobody proposes their own promotion')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the employee already has an open case')
  @ApiErrorAnswer(422, 'NOT_ELIGIBLE: a blocking rule of the kind fails; `details.rules` lists every outcome')
  propose(@Body() body: ProposePromotionRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(proposePromotion, body, commandContext(request, actor, body)));
  }

  @Post('preview')
  @HttpCode(200)
  @Roles('hr')
  @ApiAnswer(
    200,
    PromotionPreviewResponse,
    'Every rule’s outcome, the berkas and the route a proposal made now would get; nothing is written',
  )
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed body or a TMT that is not a KP period date in the window')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  preview(@Body() body: PreviewPromotionRequest, @CurrentActor() actor: Actor) {
    return this.previews.preview(body, actor);
  }
}
