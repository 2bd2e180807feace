import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#auth';
import { AuditLog } from '../audit-log.js';
import { ConsistencyProofQuery, InclusionProofQuery } from './ledger-proofs.request.dto.js';

/**
 * The ledger, RFC 9162 style: signed checkpoints (tree heads), inclusion and consistency proofs.
 * leaf = SHA-256(0x00 ‖ event hash bytes), node = SHA-256(0x01 ‖ left ‖ right); any RFC 9162 verifier checks them.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class LedgerProofsController {
  constructor(private readonly audit: AuditLog) {}

  @Get('checkpoints/latest')
  @Roles('auditor')
  @ApiOkResponse({
    description:
      'The newest signed checkpoint. `signature` is Ed25519 over the UTF-8 bytes of ' +
      '"jenjang-checkpoint\\n{treeSize}\\n{rootHash}\\n{signedAt}\\n"; `publicKey` the raw 32-byte key in base64. Keep it: a later ' +
      'rewrite of history cannot be consistent with it',
    schema: {
      example: {
        treeSize: 1000,
        rootHash: '5f2a…64 hex digits',
        signedAt: '2026-03-02T04:00:10.000Z',
        signature: 'base64…',
        publicKey: 'base64…',
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No checkpoint signed yet' })
  latest() {
    return this.audit.latestCheckpoint();
  }

  @Get('proofs/inclusion')
  @Roles('auditor')
  @ApiOkResponse({
    description: "RFC 9162 §2.1.3 audit path of the event's leaf in the tree of `treeSize` leaves (leaves are events in commit order)",
    schema: {
      example: { leafIndex: 87, treeSize: 1000, leafHash: '…', auditPath: ['…'], globalPosition: 88, eventHash: '…', rootHash: '…' },
    },
  })
  @ApiBadRequestResponse({ description: 'treeSize does not include the leaf, or exceeds the ledger' })
  @ApiNotFoundResponse({ description: 'No event of your agency at that position is in the ledger (yet)' })
  inclusion(@Query() query: InclusionProofQuery, @CurrentActor() actor: Actor) {
    return this.audit.inclusionProof(query.position, query.treeSize, actor);
  }

  @Get('proofs/consistency')
  @Roles('auditor')
  @ApiOkResponse({
    description: 'RFC 9162 §2.1.4 proof that the tree of `from` leaves is a prefix of the tree of `to` leaves (empty when equal)',
    schema: { example: { from: 1000, to: 2000, proof: ['…'] } },
  })
  @ApiBadRequestResponse({ description: 'from or to is outside 1..the ledger size, or from > to' })
  consistency(@Query() query: ConsistencyProofQuery) {
    return this.audit.consistencyProof(query.from, query.to);
  }
}
