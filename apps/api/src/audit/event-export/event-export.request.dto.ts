import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const JSON_PAGE_MAX = 1000;

export class EventExportQuery {
  @ApiPropertyOptional({
    example: 88,
    description: 'Global position of the last event already read (a commit-order cursor); omit or 0 for the start',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ example: 100, description: `JSON: 1-${JSON_PAGE_MAX}, default 100. NDJSON: everything unless limited` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  limit?: number;
}
