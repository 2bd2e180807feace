import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_TREE = Number.MAX_SAFE_INTEGER;

export class InclusionProofQuery {
  @ApiProperty({ example: 88, description: "The event's global position" })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE)
  position: number;

  @ApiPropertyOptional({
    example: 1000,
    description: 'Tree size to prove against; default the latest checkpoint covering the event, else the current tree',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE)
  treeSize?: number;
}

export class ConsistencyProofQuery {
  @ApiProperty({ example: 1000, description: 'The earlier tree size (a checkpoint you hold)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE)
  from: number;

  @ApiPropertyOptional({ example: 2000, description: 'The later tree size; default the latest checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE)
  to?: number;
}
