import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { AGENCY_TIME_ZONES, NATIONAL_STAGE_IDS, PROMOTION_KINDS, type PromotionKind } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

class StageResponse {
  @ApiProperty({ enum: NATIONAL_STAGE_IDS, enumName: 'StageId', example: 'verification' })
  id: string;

  @ApiProperty({ example: 'P2D', description: 'ISO 8601 duration: days are working days, PT parts are elapsed time' })
  sla: string;

  @ApiPropertyOptional({
    enum: PROMOTION_KINDS,
    isArray: true,
    example: ['STRUCTURAL'],
    description: 'committee only: the kinds it runs for',
  })
  requiredFor?: PromotionKind[];
}

class UnitResponse {
  @ApiProperty({ example: 'dinas-kesehatan' }) id: string;
  @ApiProperty({ example: 'Dinas Kesehatan' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'setda' }) parentId: string | null;
}

class SignatoryResponse {
  @ApiProperty({ example: 'Kepala Daerah' }) name: string;
  @ApiProperty({ example: 'Pejabat Pembina Kepegawaian' }) title: string;
}

/** An agency's configuration: its calendar, the SLAs of the national pipeline, its units and its signatory. */
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

  @ApiProperty({ type: [UnitResponse] })
  units: UnitResponse[];

  @ApiProperty({ type: SignatoryResponse })
  signatory: SignatoryResponse;

  @ApiProperty({ example: 'PT336H' })
  objectionSla: string;

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
