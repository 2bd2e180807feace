import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { REFERENCE_DATA } from '#config';
import type { ReferenceData } from '#domain';
import { ApiAnswer, ApiAuthenticated } from '../http/openapi.js';
import { ReferenceDataResponse } from './reference.response.dto.js';

/** The national reference data in force: the KP periods, tables and lists every rule reads (DOMAIN.md). */
@ApiTags('reference')
@ApiAuthenticated()
@Controller('api/reference')
export class ReferenceController {
  constructor(@Inject(REFERENCE_DATA) private readonly reference: ReferenceData) {}

  @Get()
  @ApiAnswer(
    200,
    ReferenceDataResponse,
    'The national reference data with its version: KP periods, education table, eselon and jenjang ranges, credit points, decree authority, distribution bounds, documents per KP kind, rank names, holidays',
  )
  get(): ReferenceData {
    return this.reference;
  }
}
