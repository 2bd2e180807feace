import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '#auth';
import { AuditLog } from '../audit-log.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/verify')
export class VerifyLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('auditor')
  @ApiOkResponse({
    description:
      "Recomputes every event's hash and stream link, rebuilds the ledger's tree, checks every checkpoint's signature against the " +
      'trusted key and its root against the rebuilt tree, and reports the first position whose content, order or presence was altered. ' +
      'kind ∈ ALTERED, MISSING, REORDERED, INSERTED, TRUNCATED, BAD_SIGNATURE. The whole log (every agency) is checked; positions are reported, never content',
    schema: {
      examples: {
        clean: { value: { ok: true, checkedEvents: 1042, treeSize: 1040, pendingEvents: 2, checkpointsChecked: 2 } },
        tampered: {
          value: {
            ok: false,
            checkedEvents: 311,
            firstInvalidPosition: 312,
            kind: 'ALTERED',
            reason: 'the content of position 312 … does not match its hash',
          },
        },
      },
    },
  })
  verify() {
    return this.audit.verify();
  }
}
