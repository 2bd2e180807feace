import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '#auth';
import { ApiAnswer, ApiAuthenticated } from '../../http/openapi.js';
import { AuditLog } from '../audit-log.js';
import { VerificationResponse } from './verify-log.response.dto.js';

@ApiTags('audit')
@ApiAuthenticated()
@Controller('api/audit/verify')
export class VerifyLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('auditor')
  @ApiAnswer(
    200,
    VerificationResponse,
    "Recomputes every event's hash and stream link, rebuilds the ledger's tree, checks every checkpoint's signature against the " +
      'trusted key and its root against the rebuilt tree, and reports the first position whose content, order or presence was altered. ' +
      'The whole log (every agency) is checked; positions are reported, never content',
  )
  verify() {
    return this.audit.verify();
  }
}
