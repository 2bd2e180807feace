import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { AGENCY_TIME_ZONES, PREDICATES, STAGE_ROLES, type Predicate, type Role } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

class StageResponse {
  @ApiProperty({ example: 'verification' })
  id: string;

  @ApiProperty({ enum: STAGE_ROLES, enumName: 'StageRole', example: 'verifier' })
  role: Role;

  @ApiProperty({ example: 'P2D', description: 'ISO 8601 duration: days are working days, PT parts are elapsed time' })
  sla: string;
}

class MeritPolicyResponse {
  @ApiProperty({ type: Number, example: 1 })
  version: number;

  @ApiProperty({ type: Number, example: 4 })
  regularYearsInGrade: number;

  @ApiProperty({ type: Number, example: 1 })
  selectionYearsInGrade: number;

  @ApiProperty({ enum: PREDICATES, enumName: 'Predicate', isArray: true, example: ['BAIK', 'SANGAT_BAIK'] })
  minimumPredicates: Predicate[];

  @ApiProperty({ type: Number, example: 2 })
  appraisalYears: number;

  @ApiProperty({ type: Number, example: 20 })
  trainingHours: number;

  @ApiProperty({ type: Number, example: 12 })
  trainingWindowMonths: number;
}

/** An agency's configuration: its calendar, its stage pipeline and its merit policy. */
class AgencySettingsResponse {
  @ApiProperty({ example: 'pemkot-langsa' })
  agencyId: string;

  @ApiProperty({ example: 'Pemerintah Kota Langsa' })
  name: string;

  @ApiProperty({ enum: AGENCY_TIME_ZONES, example: 'Asia/Jakarta' })
  timeZone: string;

  @ApiProperty({ type: [String], format: 'date', example: ['2026-03-20'] })
  holidays: string[];

  @ApiProperty({ type: [StageResponse] })
  stages: StageResponse[];

  @ApiProperty({ type: MeritPolicyResponse })
  meritPolicy: MeritPolicyResponse;

  @ApiProperty({ type: Number, example: 1, description: 'How many times the agency was configured; 0 = the built-in defaults' })
  configVersion: number;
}

/** GET: the configuration in force, and who stored it (absent while never configured). */
export class AgencyResponse extends AgencySettingsResponse {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-03-01T02:00:00.000Z' })
  configuredAt?: string | null;

  @ApiPropertyOptional({ example: '198001012006011005' })
  configuredBy?: string;
}

/** PUT: the configuration just stored, a new version. */
export class ConfigureAgencyResponse extends IntersectionType(AgencySettingsResponse, CommandPosition) {}
