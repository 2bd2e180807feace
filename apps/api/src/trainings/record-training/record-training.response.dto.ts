import { ApiProperty } from '@nestjs/swagger';
import { CommandPosition } from '../../http/openapi.js';

export class RecordTrainingResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' })
  trainingId: string;
}
