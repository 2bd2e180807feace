import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateBy } from 'class-validator';
import { isIsoDate, isValidNip } from '#domain';

export class NipParam {
  @ApiProperty({ example: '198507122010011001' })
  @Matches(/^[0-9]{18}$/, { message: 'nip must be 18 digits' })
  @ValidateBy({
    name: 'isNip',
    validator: {
      validate: (value) => isValidNip(value),
      defaultMessage: () => 'nip must be a valid NIP (birth date, appointment month, sex, sequence)',
    },
  })
  nip: string;
}

export class CaseIdParam {
  @ApiProperty({ example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'caseId is malformed' })
  caseId: string;
}

export class AgencyIdParam {
  @ApiProperty({ example: 'pemkot-langsa' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'agencyId is malformed' })
  agencyId: string;
}

export const MIN_DATE_YEAR = 1900;

/**
 * A real calendar date `YYYY-MM-DD` from 1900 on. The deciders accept any ISO date, year 0000 included,
 * which PostgreSQL's `date` refuses: such an event would be stored and then stall the projections.
 */
export function IsCalendarDate(field: string, options: { each?: boolean } = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isIsoDate(value) && Number(value.slice(0, 4)) >= MIN_DATE_YEAR,
        defaultMessage: () => `${field} must be a real date (YYYY-MM-DD) from ${MIN_DATE_YEAR} on`,
      },
    },
    options,
  );
}
