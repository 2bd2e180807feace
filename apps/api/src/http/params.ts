import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateBy } from 'class-validator';
import { AGENCY_ID_PATTERN, CASE_ID_PATTERN, isIsoDate, isValidNip } from '#domain';

/** An NIP in its shape (18 digits) and its structure (birth date, appointment month, sex, sequence): the domain's own rule. */
export function IsNip(field = 'nip'): PropertyDecorator {
  return ValidateBy({
    name: 'isNip',
    validator: {
      validate: (value) => isValidNip(value),
      defaultMessage: () =>
        typeof field === 'string' && field.length > 0
          ? `${field} must be a valid 18-digit NIP (birth date, appointment month, sex, sequence)`
          : 'must be a valid NIP',
    },
  });
}

export class NipParam {
  @ApiProperty({ example: '198507122010011001' })
  @IsNip()
  nip: string;
}

export class CaseIdParam {
  @ApiProperty({ example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  @Matches(CASE_ID_PATTERN, { message: 'caseId is malformed' })
  caseId: string;
}

export class AgencyIdParam {
  @ApiProperty({ example: 'pemkot-langsa' })
  @Matches(AGENCY_ID_PATTERN, { message: 'agencyId is malformed' })
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
