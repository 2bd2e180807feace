import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { AGENCY_ID_PATTERN, ORGANISATION_RATINGS, RATING_YEAR_RANGE, UNIT_ID_PATTERN, type OrganisationRating } from '#domain';

export class UnitRatingParams {
  @ApiProperty({ example: 'pemkot-langsa' })
  @Matches(AGENCY_ID_PATTERN, { message: 'agencyId is malformed' })
  agencyId: string;

  @ApiProperty({ example: 'dinas-kesehatan', description: 'Any unit id of the agency; it need not be a configured unit' })
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be lowercase letters, digits and dashes (at most 64)' })
  unitId: string;

  @ApiProperty({ type: Number, example: 2025, minimum: RATING_YEAR_RANGE.min, maximum: RATING_YEAR_RANGE.max })
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer' })
  @Min(RATING_YEAR_RANGE.min)
  @Max(RATING_YEAR_RANGE.max)
  year: number;
}

export class RecordUnitRatingRequest {
  @ApiProperty({ enum: ORGANISATION_RATINGS, enumName: 'OrganisationRating', example: 'BAIK' })
  @IsIn(ORGANISATION_RATINGS as readonly string[], { message: `rating must be one of ${ORGANISATION_RATINGS.join(', ')}` })
  rating: OrganisationRating;
}
