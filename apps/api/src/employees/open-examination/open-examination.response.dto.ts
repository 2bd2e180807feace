import { ApiProperty } from '@nestjs/swagger';
import { CommandPosition } from '../../http/openapi.js';

export class OpenExaminationResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '6d1f0c2a-3b4e-4f5a-8b6c-7d8e9f0a1b2c' })
  examinationId: string;
}
