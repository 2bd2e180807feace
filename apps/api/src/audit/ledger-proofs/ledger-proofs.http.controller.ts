import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#auth';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../../http/openapi.js';
import { AuditLog } from '../audit-log.js';
import { ConsistencyProofQuery, InclusionProofQuery } from './ledger-proofs.request.dto.js';
import { CheckpointResponse, ConsistencyProofResponse, InclusionProofResponse } from './ledger-proofs.response.dto.js';

/**
 * The ledger, RFC 9162 style: signed checkpoints (tree heads), inclusion and consistency proofs.
 * leaf = SHA-256(0x00 ‖ event hash bytes), node = SHA-256(0x01 ‖ left ‖ right); any RFC 9162 verifier checks them.
 */
@ApiTags('audit')
@ApiAuthenticated()
@Controller('api/audit')
export class LedgerProofsController {
  constructor(private readonly audit: AuditLog) {}

  @Get('checkpoints/latest')
  @Roles('auditor')
  @ApiAnswer(
    200,
    CheckpointResponse,
    'The newest signed checkpoint. `signature` is Ed25519 over the UTF-8 bytes of ' +
      '"jenjang-checkpoint\\n{treeSize}\\n{rootHash}\\n{signedAt}\\n"; `publicKey` the raw 32-byte key in base64. Keep it: a later ' +
      'rewrite of history cannot be consistent with it',
  )
  @ApiErrorAnswer(404, 'NOT_FOUND: no checkpoint signed yet')
  latest() {
    return this.audit.latestCheckpoint();
  }

  @Get('proofs/inclusion')
  @Roles('auditor')
  @ApiAnswer(
    200,
    InclusionProofResponse,
    "RFC 9162 §2.1.3 audit path of the event's leaf in the tree of `treeSize` leaves (leaves are events in commit order)",
  )
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: treeSize does not include the leaf, or exceeds the ledger')
  @ApiErrorAnswer(404, 'NOT_FOUND: no event of your agency at that position is in the ledger (yet)')
  inclusion(@Query() query: InclusionProofQuery, @CurrentActor() actor: Actor) {
    return this.audit.inclusionProof(query.position, query.treeSize, actor);
  }

  @Get('proofs/consistency')
  @Roles('auditor')
  @ApiAnswer(
    200,
    ConsistencyProofResponse,
    'RFC 9162 §2.1.4 proof that the tree of `from` leaves is a prefix of the tree of `to` leaves (empty when equal)',
  )
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: from or to is outside 1..the ledger size, or from > to')
  consistency(@Query() query: ConsistencyProofQuery) {
    return this.audit.consistencyProof(query.from, query.to);
  }
}
