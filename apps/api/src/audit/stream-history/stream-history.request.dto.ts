import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class StreamIdParam {
  @ApiProperty({
    example: 'promotion-3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
    description: 'employee-{nip}, promotion-{caseId}, appraisal-{id}, training-{id}, agency-{id}',
  })
  @Matches(/^[a-z]+-[A-Za-z0-9-]{1,100}$/, { message: 'streamId must look like employee-{nip} or promotion-{caseId}' })
  streamId: string;
}
