import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#auth';
import { CLOCK, type Clock } from '#config';
import { instantMillis, notFound, streamIds } from '#domain';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { AuditLog } from '../audit-log.js';
import { promotionCaseAsOf } from './case-state-as-of.query.js';
import { CaseStateAsOfQuery } from './case-state-as-of.request.dto.js';
import { CaseStateAsOfResponse } from './case-state-as-of.response.dto.js';

@ApiTags('audit')
@ApiAuthenticated()
@Controller('api/audit/promotions')
export class CaseStateAsOfController {
  constructor(
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':caseId/state')
  @Roles('auditor')
  @ApiAnswer(
    200,
    CaseStateAsOfResponse,
    'The case as it stood at `at`, rebuilt with the promotion decider from the events recorded (recorded_at) up to then, ' +
      'in the shape of GET /api/promotions/{caseId}; SLA states are judged at `at`; `asOf` names the last event included',
  )
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: `at` is not an ISO 8601 instant with an offset')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency, or none yet at that instant')
  async state(@Param() { caseId }: CaseIdParam, @Query() query: CaseStateAsOfQuery, @CurrentActor() actor: Actor) {
    // Without an instant: every event recorded so far, judged at the application's clock.
    const at = query.at ? new Date(instantMillis(query.at, 'at')) : null;
    const events = await this.audit.streamUntil(streamIds.promotion(caseId), at ?? new Date(8.64e15), actor);
    const view = promotionCaseAsOf(events, at ?? this.clock.now());
    if (!view) throw notFound('AUDIT.CASE_NOT_FOUND', `Promotion case ${caseId} not found${at ? ` at ${at.toISOString()}` : ''}`);
    return view;
  }
}
