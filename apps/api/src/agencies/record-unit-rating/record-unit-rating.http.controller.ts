import { Body, Controller, HttpCode, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, recordUnitRating } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { RecordUnitRatingRequest, UnitRatingParams } from './record-unit-rating.request.dto.js';
import { RecordUnitRatingResponse } from './record-unit-rating.response.dto.js';

@ApiTags('agencies')
@ApiAuthenticated()
@Controller('api/agencies/:agencyId/units/:unitId/ratings/:year')
export class UnitRatingController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(200)
  @Roles('ppk', 'admin')
  @ApiCommand()
  @ApiAnswer(200, RecordUnitRatingResponse, "The unit's organisation rating for the year; it bounds its staff's predikat distribution")
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: an unknown rating, a year outside 2000–2100, a malformed unit id')
  @ApiErrorAnswer(403, 'FORBIDDEN: neither ppk nor admin')
  @ApiErrorAnswer(404, 'NOT_FOUND: another agency')
  record(
    @Param() { agencyId, unitId, year }: UnitRatingParams,
    @Body() body: RecordUnitRatingRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(
      new RunCommand(recordUnitRating, { agencyId, unitId, year, rating: body.rating }, commandContext(request, actor, body)),
    );
  }
}
