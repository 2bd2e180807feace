import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { POST_CHANGE_REASONS, UNIT_ID_PATTERN, type PostChangeReason } from '#domain';
import { IsCalendarDate } from '../../http/params.js';
import { PostFieldsRequest } from '../post-fields.request.dto.js';

export class ChangePostRequest extends PostFieldsRequest {
  @ApiProperty({ example: 'bappeda' })
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be lowercase letters, digits and dashes (at most 64)' })
  unitId: string;

  @ApiProperty({ example: '2026-02-01', description: 'TMT of the new post' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'since must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('since')
  since: string;

  @ApiPropertyOptional({ enum: POST_CHANGE_REASONS, example: 'ROTATION', description: 'Default OTHER' })
  @IsOptional()
  @IsIn(POST_CHANGE_REASONS as readonly string[])
  reason?: PostChangeReason;
}
