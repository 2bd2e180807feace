import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#auth';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../http/openapi.js';
import { DashboardQueries } from './dashboard-queries.js';
import {
  AppraisalDashboardQuery,
  checkRange,
  PipelineDashboardQuery,
  SlaDashboardQuery,
  TrainingDashboardQuery,
  TrainingWorklistQuery,
} from './dashboard-query.dto.js';
import {
  AppraisalDashboardResponse,
  PipelineDashboardResponse,
  SlaDashboardResponse,
  TrainingDashboardResponse,
  TrainingWorklistResponse,
} from './dashboards.response.dto.js';

/** SLA, pipeline, training-equity and appraisal dashboards of the actor's own agency (admin, auditor, ppk, hr). */
@ApiTags('dashboards')
@ApiAuthenticated()
@ApiErrorAnswer(400)
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only admins, auditors, the PPK and HR see dashboards' })
@ApiBadRequestResponse({ description: 'A malformed or unknown query parameter (VALIDATION_FAILED)' })
@Controller('api/dashboards')
@Roles('admin', 'auditor', 'ppk', 'hr')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardQueries) {}

  @Get('sla')
  @ApiAnswer(200, SlaDashboardResponse)
  @ApiOkResponse({
    description:
      'Per stage, the visits that entered it within [from, to]: open ones by SLA state now, completed ones (APPROVE/RETURN/REJECT) ' +
      'with compliance = completedWithinSla / completed (null when none) and elapsed hours in the stage (median, p90)',
    schema: {
      example: {
        filters: { from: '2026-01-01', to: '2026-06-30' },
        asOf: '2026-07-01T03:00:00.000Z',
        dateBasis: 'stageEntry',
        items: [
          {
            stage: 'verification',
            open: 4,
            onTrack: 2,
            atRisk: 1,
            breached: 1,
            completed: 40,
            completedWithinSla: 35,
            compliance: 0.875,
            medianHours: 26.5,
            p90Hours: 70.25,
          },
        ],
      },
    },
  })
  sla(@CurrentActor() actor: Actor, @Query() query: SlaDashboardQuery) {
    checkRange(query);
    return this.dashboards.sla(actor, query);
  }

  @Get('pipeline')
  @ApiAnswer(200, PipelineDashboardResponse)
  @ApiOkResponse({
    description: 'Cases proposed within [from, to], per stage (current stage, or the stage where the case closed) and status',
    schema: {
      example: {
        filters: {},
        dateBasis: 'proposal',
        items: [{ stage: 'verification', total: 12, counts: { IN_PROGRESS: 8, RETURNED: 2, APPROVED: 0, REJECTED: 1, WITHDRAWN: 1 } }],
        totals: { total: 12, counts: { IN_PROGRESS: 8, RETURNED: 2, APPROVED: 0, REJECTED: 1, WITHDRAWN: 1 } },
      },
    },
  })
  pipeline(@CurrentActor() actor: Actor, @Query() query: PipelineDashboardQuery) {
    checkRange(query);
    return this.dashboards.pipeline(actor, query);
  }

  @Get('training')
  @ApiAnswer(200, TrainingDashboardResponse)
  @ApiOkResponse({
    description:
      'Per unit, JP per employee in the year (or [from, to]), employees without training included: share meeting 20 JP, mean JP, ' +
      'Gini coefficient of JP per employee (0 = equal, towards 1 = concentrated on a few; null when nobody trained)',
    schema: {
      example: {
        filters: { year: 2026 },
        window: { from: '2026-01-01', to: '2026-12-31' },
        targetHours: 20,
        items: [
          {
            unitId: 'dinas-kesehatan',
            employees: 3,
            meetingTarget: 1,
            shareMeetingTarget: 0.3333,
            meanHours: 13.33,
            giniHours: 0.5,
            totalHours: 40,
            withoutTraining: 1,
          },
        ],
        overall: {
          employees: 3,
          meetingTarget: 1,
          shareMeetingTarget: 0.3333,
          meanHours: 13.33,
          giniHours: 0.5,
          totalHours: 40,
          withoutTraining: 1,
        },
      },
    },
  })
  training(@CurrentActor() actor: Actor, @Query() query: TrainingDashboardQuery) {
    checkRange(query);
    return this.dashboards.training(actor, query);
  }

  @Get('training/worklist')
  @ApiAnswer(200, TrainingWorklistResponse)
  @ApiOkResponse({
    description:
      'Per unit, the employees below the 20 JP right in the calendar year (default this year), fewest JP first then by name; ' +
      'employees without training included with 0, so the office can nominate them',
    schema: {
      example: {
        filters: { year: 2026 },
        year: 2026,
        window: { from: '2026-01-01', to: '2026-12-31' },
        targetHours: 20,
        items: [
          {
            unitId: 'dinas-kesehatan',
            employees: [
              { nip: '199001012015031002', name: 'Teuku Umar', grade: 'III/a', jp: 0, missing: 20 },
              { nip: '198507122010011001', name: 'Cut Nyak Meutia', grade: 'III/b', jp: 8, missing: 12 },
            ],
          },
        ],
        total: 2,
      },
    },
  })
  trainingWorklist(@CurrentActor() actor: Actor, @Query() query: TrainingWorklistQuery) {
    return this.dashboards.trainingWorklist(actor, query);
  }

  @Get('appraisals')
  @ApiAnswer(200, AppraisalDashboardResponse)
  @ApiOkResponse({
    description: 'Per unit, appraisals per predikat of a period (or all periods), submitted within [from, to]',
    schema: {
      example: {
        filters: { period: 2025 },
        dateBasis: 'submission',
        periods: [2023, 2024, 2025],
        items: [
          { unitId: 'dinas-kesehatan', total: 10, counts: { SANGAT_BAIK: 1, BAIK: 7, BUTUH_PERBAIKAN: 1, KURANG: 1, SANGAT_KURANG: 0 } },
        ],
        overall: { total: 10, counts: { SANGAT_BAIK: 1, BAIK: 7, BUTUH_PERBAIKAN: 1, KURANG: 1, SANGAT_KURANG: 0 } },
      },
    },
  })
  appraisals(@CurrentActor() actor: Actor, @Query() query: AppraisalDashboardQuery) {
    checkRange(query);
    return this.dashboards.appraisals(actor, query);
  }
}
