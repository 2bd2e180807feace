import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentActor, Roles, type Actor } from '#auth';
import { CLOCK, type Clock } from '#config';
import { DATA_SOURCE } from '#event-store';
import { CaseIdParam, NipParam } from '../http/params.js';
import { queueOf, ReadModels } from './read-models.js';

export class QueueQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('queries')
@ApiBearerAuth()
@Controller('api')
export class QueriesController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('employees/:nip/career')
  @Roles('employee', 'hr', 'auditor')
  @ApiOkResponse({
    description: "An employee's grade in force, appraisals, trainings and promotion cases with where each file is",
    schema: {
      example: {
        nip: '198507122010011001',
        name: 'Siti Rahmawati',
        unitId: 'dinas-kesehatan',
        grade: 'III/c',
        gradeSince: '2026-04-01',
        appraisals: [{ appraisalId: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a', period: 2025, predicate: 'BAIK' }],
        trainings: [
          {
            trainingId: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
            title: 'Pelatihan Manajemen ASN',
            hours: 24,
            kind: 'MANAGERIAL',
            completedOn: '2026-02-20',
          },
        ],
        promotions: [
          {
            caseId: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
            status: 'IN_PROGRESS',
            stage: 'committee',
            dueAt: '2026-03-11T03:00:00.000Z',
            heldBy: { role: 'committee', claimedBy: null },
          },
        ],
      },
    },
  })
  @ApiForbiddenResponse({ description: 'An employee reading someone else' })
  @ApiNotFoundResponse({ description: 'No such employee in your agency' })
  career(@Param() { nip }: NipParam, @CurrentActor() actor: Actor) {
    return this.readModels.career(nip, actor);
  }

  @Get('promotions/:caseId')
  @Roles('employee', 'hr', 'verifier', 'committee', 'ppk', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The case with every stage visit: entered, due, left, who decided, breached' })
  @ApiNotFoundResponse({ description: 'No such case in your agency' })
  promotionCase(@Param() { caseId }: CaseIdParam, @CurrentActor() actor: Actor) {
    return this.readModels.promotionCase(caseId, actor);
  }

  @Get('queues/mine')
  @Roles('verifier', 'committee', 'ppk', 'hr', 'admin')
  @ApiOkResponse({
    description: 'Open cases you may decide, earliest deadline first',
    schema: {
      example: {
        items: [
          {
            caseId: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
            nip: '198507122010011001',
            name: 'Siti Rahmawati',
            kind: 'REGULAR',
            fromGrade: 'III/b',
            toGrade: 'III/c',
            stage: 'verification',
            enteredStageAt: '2026-03-02T03:00:00.000Z',
            dueAt: '2026-03-04T03:00:00.000Z',
            slaState: 'ON_TRACK',
            claimedBy: null,
          },
        ],
      },
    },
  })
  async queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery) {
    return { items: await queueOf(this.db, actor, this.clock.now(), query.limit ?? 100) };
  }
}
