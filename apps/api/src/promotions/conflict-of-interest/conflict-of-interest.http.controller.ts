import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { APPROVER_ROLES } from '#domain';
import { RunCommand, declareConflict } from '#application';
import { commandContext } from '../../commands/command-context.factory.js';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { ConflictOfInterestRequest } from '../decide-promotion/decide-promotion.request.dto.js';
import { CaseActionResponse } from '../decide-promotion/decide-promotion.response.dto.js';

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions/:caseId/conflict-of-interest')
export class ConflictOfInterestController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles(...APPROVER_ROLES)
  @ApiCommand()
  @ApiAnswer(200, CaseActionResponse, 'Declared: the case leaves your queue and you may no longer decide it')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the case is closed, or you already declared one')
  declare(
    @Param() { caseId }: CaseIdParam,
    @Body() body: ConflictOfInterestRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(new RunCommand(declareConflict, { ...body, caseId }, commandContext(request, actor, body)));
  }
}
