import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_RATINGS, type OrganisationRating } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

/** The unit's organisation rating for the year, as now in force. */
export class RecordUnitRatingResponse extends CommandPosition {
  @ApiProperty({ example: 'pemkot-langsa' }) agencyId: string;
  @ApiProperty({ example: 'dinas-kesehatan' }) unitId: string;
  @ApiProperty({ type: Number, example: 2025 }) year: number;
  @ApiProperty({ enum: ORGANISATION_RATINGS, enumName: 'OrganisationRating', example: 'BAIK' }) rating: OrganisationRating;
}
