import { ApiProperty } from '@nestjs/swagger';
import { CommandPosition } from '../../http/openapi.js';

export class ImposeSanctionResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '0b9e6a9e-4c1f-4f43-9d43-3b0c9b1f2f10' })
  sanctionId: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-07-31',
    description: 'Last day of the term the type gives; null for light sanctions and discharge',
  })
  until: string | null;
}
