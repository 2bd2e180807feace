import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DELEGABLE_ROLES, TEXT_LIMITS, type DelegableRole } from '#domain';
import { IsCalendarDate, IsNip } from '../http/params.js';

export class GrantDelegationRequest {
  @ApiProperty({ example: '198001012006041001', description: 'The acting official (Plt/Plh)' })
  @IsNip('delegateNip')
  delegateNip: string;

  @ApiProperty({ enum: DELEGABLE_ROLES, example: 'ppk', description: 'A stage role, hr, or superior (the acting head)' })
  @IsIn(DELEGABLE_ROLES as readonly string[])
  role: DelegableRole;

  @ApiProperty({ example: '196512311990031004', description: 'Whose office the delegate holds' })
  @IsNip('onBehalfOf')
  onBehalfOf: string;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('from')
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Inclusive' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('until')
  until: string;

  @ApiProperty({ example: 'Plh Wali Kota during the official visit to Jakarta' })
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  reason: string;
}

export class DelegationIdParam {
  @ApiProperty({ example: '0f6a8f61-3a47-4f0e-8d83-1b0a7e9b4c55' })
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'delegationId is malformed' })
  delegationId: string;
}
