import { ApiProperty } from '@nestjs/swagger';
import { DELEGABLE_ROLES } from '#domain';
import { CommandPosition } from '../http/openapi.js';

export class GrantDelegationResponse extends CommandPosition {
  @ApiProperty({ example: '5b0f9a52-3c2e-4a57-9d36-0f6b1c2d7e11' })
  delegationId: string;
}

export class RevokeDelegationResponse extends CommandPosition {
  @ApiProperty({ example: '5b0f9a52-3c2e-4a57-9d36-0f6b1c2d7e11' })
  delegationId: string;

  @ApiProperty({ example: true })
  revoked: boolean;
}

export class DelegationResponse {
  @ApiProperty({ example: '5b0f9a52-3c2e-4a57-9d36-0f6b1c2d7e11' })
  delegationId: string;

  @ApiProperty({ example: '198001012006041001', description: 'The acting official (Plt/Plh)' })
  delegateNip: string;

  @ApiProperty({ enum: DELEGABLE_ROLES })
  role: string;

  @ApiProperty({ example: '196512311990031004', description: 'The official they act for' })
  onBehalfOf: string;

  @ApiProperty({ example: '2026-03-01' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  until: string;

  @ApiProperty({ example: 'Cuti tahunan pejabat definitif' })
  reason: string;

  @ApiProperty({ example: '197001012000011009' })
  grantedBy: string;

  @ApiProperty()
  revoked: boolean;

  @ApiProperty({ description: 'Runs today (in the agency’s time zone) and not revoked' })
  inForce: boolean;
}

export class DelegationsResponse {
  @ApiProperty({ type: [DelegationResponse] })
  delegations: DelegationResponse[];
}
