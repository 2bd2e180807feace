import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_RATINGS, PREDICATES, type OrganisationRating } from '#domain';

const count = (example: number, description?: string) => ApiProperty({ type: Number, example, ...(description ? { description } : {}) });
const figure = (example: number, description: string) => ApiProperty({ type: Number, nullable: true, example, description });
const filters = () =>
  ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { from: '2026-01-01', to: '2026-06-30' },
    description: 'The query parameters given, as understood',
  });

class SlaStageResponse {
  @ApiProperty({ example: 'verification' })
  stage: string;

  @count(4, 'Visits still open')
  open: number;

  @count(2)
  onTrack: number;

  @count(1)
  atRisk: number;

  @count(1)
  breached: number;

  @count(40, 'Visits decided APPROVE, RETURN or REJECT')
  completed: number;

  @count(35)
  completedWithinSla: number;

  @figure(0.875, 'completedWithinSla / completed; null when none completed')
  compliance: number | null;

  @figure(26.5, 'Median elapsed hours of completed visits')
  medianHours: number | null;

  @figure(70.25, '90th percentile of elapsed hours of completed visits')
  p90Hours: number | null;
}

/** From the proposal to the decree, for the cases decreed among those proposed in the range. */
class CycleTimeResponse {
  @count(14) decreed: number;

  @figure(21.5, 'Median calendar days from proposal to decree')
  medianDays: number | null;

  @figure(38, '90th percentile of calendar days from proposal to decree')
  p90Days: number | null;
}

export class SlaDashboardResponse {
  @filters()
  filters: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', example: '2026-07-01T03:00:00.000Z', description: 'The instant open visits are judged at' })
  asOf: string;

  @ApiProperty({ enum: ['stageEntry'], example: 'stageEntry', description: 'Visits count by the date they entered the stage' })
  dateBasis: string;

  @ApiProperty({ type: [SlaStageResponse], description: 'Every stage of the national pipeline, bkn and decree included' })
  items: SlaStageResponse[];

  @ApiProperty({ type: CycleTimeResponse })
  cycleTime: CycleTimeResponse;
}

/** Cases per status. */
class StatusCountsResponse {
  @count(8) IN_PROGRESS: number;
  @count(2) RETURNED: number;
  @count(0) APPROVED: number;
  @count(1) REJECTED: number;
  @count(1) WITHDRAWN: number;
}

class PipelineTotalsResponse {
  @count(12)
  total: number;

  @ApiProperty({ type: StatusCountsResponse })
  counts: StatusCountsResponse;
}

class PipelineStageResponse extends PipelineTotalsResponse {
  @ApiProperty({ example: 'verification', description: 'The current stage, or the stage where the case closed' })
  stage: string;
}

export class PipelineDashboardResponse {
  @filters()
  filters: Record<string, unknown>;

  @ApiProperty({ enum: ['proposal'], example: 'proposal' })
  dateBasis: string;

  @ApiProperty({ type: [PipelineStageResponse] })
  items: PipelineStageResponse[];

  @ApiProperty({ type: PipelineTotalsResponse })
  totals: PipelineTotalsResponse;
}

class TrainingFiguresResponse {
  @count(3)
  employees: number;

  @count(1, 'Employees with at least targetHours JP')
  meetingTarget: number;

  @figure(0.3333, 'meetingTarget / employees; null without employees')
  shareMeetingTarget: number | null;

  @figure(13.33, 'Mean JP per employee; null without employees')
  meanHours: number | null;

  @figure(0.5, 'Gini coefficient of JP per employee (0 = equal); null when nobody trained')
  giniHours: number | null;

  @count(40)
  totalHours: number;

  @count(1)
  withoutTraining: number;
}

class TrainingUnitResponse extends TrainingFiguresResponse {
  @ApiProperty({ example: 'dinas-kesehatan' })
  unitId: string;
}

class DateWindowResponse {
  @ApiProperty({ format: 'date', example: '2026-01-01' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-12-31' })
  to: string;
}

export class TrainingDashboardResponse {
  @filters()
  filters: Record<string, unknown>;

  @ApiProperty({ type: DateWindowResponse })
  window: DateWindowResponse;

  @count(20, 'JP a year every PNS has a right to')
  targetHours: number;

  @ApiProperty({ type: [TrainingUnitResponse] })
  items: TrainingUnitResponse[];

  @ApiProperty({ type: TrainingFiguresResponse })
  overall: TrainingFiguresResponse;
}

class TrainingWorklistEmployeeResponse {
  @ApiProperty({ example: '198507122010011001' })
  nip: string;

  @ApiProperty({ example: 'Cut Nyak Meutia' })
  name: string;

  @ApiProperty({ example: 'III/b', description: 'The grade in force today' })
  grade: string;

  @count(8, 'JP completed in the year')
  jp: number;

  @count(12, 'JP still owed for the year: targetHours - jp')
  missing: number;
}

class TrainingWorklistUnitResponse {
  @ApiProperty({ example: 'dinas-kesehatan' })
  unitId: string;

  @ApiProperty({ type: [TrainingWorklistEmployeeResponse], description: 'Fewest JP first, then by name' })
  employees: TrainingWorklistEmployeeResponse[];
}

export class TrainingWorklistResponse {
  @filters()
  filters: Record<string, unknown>;

  @count(2026, 'The calendar year')
  year: number;

  @ApiProperty({ type: DateWindowResponse })
  window: DateWindowResponse;

  @count(20, 'JP a year every PNS has a right to')
  targetHours: number;

  @ApiProperty({ type: [TrainingWorklistUnitResponse], description: 'Units in order, only those with someone below targetHours' })
  items: TrainingWorklistUnitResponse[];

  @count(2, 'Employees listed, over all units')
  total: number;
}

/** Appraisals per predikat. */
class PredicateCountsResponse {
  @count(1) SANGAT_BAIK: number;
  @count(7) BAIK: number;
  @count(1) BUTUH_PERBAIKAN: number;
  @count(1) KURANG: number;
  @count(0) SANGAT_KURANG: number;
}

class AppraisalTotalsResponse {
  @count(10)
  total: number;

  @ApiProperty({ type: PredicateCountsResponse })
  counts: PredicateCountsResponse;
}

/** One bound of the national curve for the unit's rating, checked on its counts. */
export class CurveBoundResponse {
  @ApiProperty({ example: 'BUTUH_PERBAIKAN|KURANG', description: 'The predikat the bound counts, joined with `|` when several' })
  predicate: string;

  @ApiProperty({ enum: PREDICATES, enumName: 'Predicate', isArray: true, example: ['BUTUH_PERBAIKAN', 'KURANG'] })
  predicates: string[];

  @ApiPropertyOptional({ type: Number, example: 0.6, description: 'Least share (0–1) of the unit’s employees' })
  min?: number;

  @ApiPropertyOptional({ type: Number, example: 0.7, description: 'Greatest share (0–1) of the unit’s employees' })
  max?: number;

  @ApiPropertyOptional({ type: Number, example: 1, description: 'At least this many employees ("at least one")' })
  minCount?: number;

  @count(0, 'Employees with one of the predikat')
  count: number;

  @ApiProperty({ type: Number, example: 0, description: 'count over employees, unrounded (0 when nobody is appraised)' })
  share: number;

  @ApiProperty({ example: true, description: 'The distribution is outside this bound (advisory: nothing is refused)' })
  broken: boolean;
}

class AppraisalUnitResponse extends AppraisalTotalsResponse {
  @ApiProperty({ example: 'dinas-kesehatan' })
  unitId: string;

  @count(10, 'Employees with a final predikat for the period (one appraisal each); equals total')
  employees: number;

  @ApiPropertyOptional({
    enum: ORGANISATION_RATINGS,
    enumName: 'OrganisationRating',
    example: 'BAIK',
    description: 'The unit’s organisation rating for the period; absent when not rated or no period asked',
  })
  rating?: OrganisationRating;

  @ApiProperty({
    type: [CurveBoundResponse],
    description: 'The bounds of the rating, each with its share and whether it is broken; [] without a rating',
  })
  bounds: CurveBoundResponse[];
}

export class AppraisalDashboardResponse {
  @filters()
  filters: Record<string, unknown>;

  @ApiProperty({ enum: ['submission'], example: 'submission' })
  dateBasis: string;

  @ApiProperty({ type: [Number], example: [2023, 2024, 2025], description: 'Every period with appraisals' })
  periods: number[];

  @ApiProperty({ type: [AppraisalUnitResponse] })
  items: AppraisalUnitResponse[];

  @ApiProperty({ type: AppraisalTotalsResponse })
  overall: AppraisalTotalsResponse;
}
