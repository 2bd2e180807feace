import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, ValidateBy } from 'class-validator';
import { isIsoInstant } from '#domain';

export class CaseStateAsOfQuery {
  @ApiPropertyOptional({ example: '2026-03-02T10:00:00.000Z', description: 'ISO 8601 instant with an offset; default now' })
  // An unencoded `+07:00` arrives as ` 07:00` in a query string.
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().replace(/ (\d{2}:?\d{2})$/, '+$1') : value))
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (v) => isIsoInstant(v),
      defaultMessage: () => 'at must be an ISO 8601 instant with an offset, e.g. 2026-03-02T10:00:00Z',
    },
  })
  at?: string;
}
