import { ApiProperty } from '@nestjs/swagger';
import { CommandPosition } from '../../http/openapi.js';

export class RegisterEmployeeResponse extends CommandPosition {
  @ApiProperty({ example: '198507122010011001' })
  nip: string;
}
