import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { isIsoDate, PROMOTION_KINDS, type PromotionKind } from '#domain';
import { ApiError } from '../http/api-error.js';

const isDate = (field: string) =>
  ValidateBy({
    name: 'isIsoDate',
    validator: { validate: (value) => isIsoDate(value), defaultMessage: () => `${field} must be a date YYYY-MM-DD` },
  });

/** Filters every dashboard takes: a date range (local dates of the agency) and one unit. */
export class DashboardFilters {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First local date of the range (inclusive)' })
  @IsOptional()
  @IsString()
  @isDate('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Last local date of the range (inclusive)' })
  @IsOptional()
  @IsString()
  @isDate('to')
  to?: string;

  @ApiPropertyOptional({ example: 'dinas-kesehatan' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'unitId is malformed' })
  unitId?: string;
}

/** The promotion dashboards also filter by KP kind. */
class PromotionDashboardFilters extends DashboardFilters {
  @ApiPropertyOptional({ enum: PROMOTION_KINDS, example: 'REGULAR' })
  @IsOptional()
  @IsIn(PROMOTION_KINDS as readonly string[])
  kind?: PromotionKind;
}

export class SlaDashboardQuery extends PromotionDashboardFilters {}

export class PipelineDashboardQuery extends PromotionDashboardFilters {}

export class TrainingDashboardQuery extends DashboardFilters {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year (default: this year); not together with from/to' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** The nomination worklist: one calendar year and optionally one unit (no date range). */
export class TrainingWorklistQuery extends PickType(TrainingDashboardQuery, ['year', 'unitId'] as const) {}

export class AppraisalDashboardQuery extends DashboardFilters {
  @ApiPropertyOptional({ example: 2025, description: 'Appraisal period (a year); omitted: every period' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'period must be an integer' })
  @Min(2000)
  @Max(2100)
  period?: number;
}

/** Cross-field checks class-validator cannot express on one property. */
export function checkRange(query: DashboardFilters & { year?: number }): void {
  const details: { field: string; message: string }[] = [];
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    details.push({ field: 'to', message: 'to must not be before from' });
  }
  if (query.year !== undefined && (query.from !== undefined || query.to !== undefined)) {
    details.push({ field: 'year', message: 'give either year or from/to, not both' });
  }
  if (details.length > 0) throw new ApiError('VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
}
