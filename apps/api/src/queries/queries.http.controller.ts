import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentActor, Roles, type Actor } from '#auth';
import { CLOCK, type Clock } from '#config';
import { PROMOTION_KINDS, type PromotionKind, type Role } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../http/openapi.js';
import { CaseIdParam, IsCalendarDate, NipParam } from '../http/params.js';
import { CareerResponse, PromotionCaseResponse, QueueResponse } from './queries.response.dto.js';
import { Delegations } from '../delegations/delegations.read.js';
import { queueOf, ReadModels } from './read-models.js';

export class QueueQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 500, default: 100, example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** The roles that may ask for a case (and its files); which case each may read is `ReadModels.promotionCase`'s rule. */
export const CASE_VIEW_ROLES: readonly Role[] = ['employee', 'hr', 'verifier', 'committee', 'ppk', 'bkn', 'auditor', 'admin'];

class NominationTargetResponse {
  @ApiProperty({ enum: PROMOTION_KINDS, enumName: 'PromotionKind' }) kind: PromotionKind;
  @ApiProperty({ example: 'III/c' }) toGrade: string;
}

class NomineeResponse {
  @ApiProperty({ example: '198507122010011001' }) nip: string;
  @ApiProperty({ example: 'Cut Nyak Meutia' }) name: string;
  @ApiProperty({ example: 'dinas-kesehatan' }) unitId: string;
  @ApiProperty({ example: 'III/b', description: 'The grade in force today' }) grade: string;
  @ApiProperty({ enum: PROMOTION_KINDS, isArray: true, example: ['REGULAR'] }) kinds: PromotionKind[];
  @ApiProperty({ type: [NominationTargetResponse] }) targets: NominationTargetResponse[];
}

class EligibleResponse {
  @ApiProperty({ format: 'date', example: '2027-01-01' }) tmt: string;
  @ApiProperty({ type: [NomineeResponse] }) employees: NomineeResponse[];
}

export class EligibleQuery {
  @ApiProperty({ example: '2027-01-01', description: 'A coming KP period date (TMT)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'tmt must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('tmt')
  tmt: string;
}

@ApiTags('queries')
@ApiAuthenticated()
@Controller('api')
export class QueriesController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly delegations: Delegations,
  ) {}

  @Get('employees/:nip/career')
  @Roles('employee', 'hr', 'auditor', 'verifier', 'committee', 'ppk', 'bkn')
  @ApiAnswer(200, CareerResponse, "An employee's grade in force, appraisals, trainings and promotion cases with where each file is")
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed NIP')
  @ApiErrorAnswer(403, 'FORBIDDEN: an employee reading someone else, or a role that may not read careers')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  career(@Param() { nip }: NipParam, @CurrentActor() actor: Actor) {
    return this.readModels.career(nip, actor);
  }

  @Get('promotions/:caseId')
  @Roles(...CASE_VIEW_ROLES)
  @ApiAnswer(200, PromotionCaseResponse, 'The case with every stage visit: entered, due, left, who decided, breached')
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed caseId')
  @ApiErrorAnswer(403, 'FORBIDDEN: an employee reading someone else’s case')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  promotionCase(@Param() { caseId }: CaseIdParam, @CurrentActor() actor: Actor) {
    return this.readModels.promotionCase(caseId, actor);
  }

  @Get('promotions/eligible')
  @Roles('hr')
  @ApiAnswer(200, EligibleResponse, 'Who would pass every blocking rule of some kind for that TMT and has no open case')
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: tmt is not a KP period date within the window')
  eligible(@Query() { tmt }: EligibleQuery, @CurrentActor() actor: Actor) {
    return this.readModels.eligible(tmt, actor);
  }

  @Get('queues/mine')
  @ApiAnswer(200, QueueResponse, 'Open cases you may decide, earliest deadline first, then the files returned to you')
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: limit is not an integer from 1 to 500')
  async queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery) {
    const { delegations, timeZone } = await this.delegations.of(actor);
    const [items, zone] = await Promise.all([
      queueOf(this.db, actor, this.clock.now(), query.limit ?? 100, delegations, timeZone),
      this.readModels.timeZoneOf(actor.agency),
    ]);
    return { items, timeZone: zone };
  }
}
