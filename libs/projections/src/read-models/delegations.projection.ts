import { DELEGATION_EVENT_TYPES, type StoredEvent } from '#domain';
import type { Projection } from '../runtime/projection.js';

/** Acting officials (Plt/Plh): who acts with which role on whose behalf, as `GET /api/delegations`, queues and the role guard read it. */
export const delegationsProjection: Projection<'delegations'> = {
  name: 'delegations',
  version: 1,
  tables: {
    delegations: (t) => [
      `CREATE TABLE ${t} (
        delegation_id text PRIMARY KEY,
        agency_id text NOT NULL,
        delegate_nip text NOT NULL,
        role text NOT NULL,
        on_behalf_of text NOT NULL,
        from_date date NOT NULL,
        until_date date NOT NULL,
        reason text NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_by text,
        revoked_at timestamptz
      )`,
      `CREATE INDEX ${t}_delegate ON ${t} (delegate_nip, agency_id)`,
      `CREATE INDEX ${t}_agency ON ${t} (agency_id, from_date)`,
    ],
  },
  eventTypes: DELEGATION_EVENT_TYPES,
  async apply(db, tables, event: StoredEvent) {
    switch (event.type) {
      case 'DelegationGranted': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${tables.delegations}
             (delegation_id, agency_id, delegate_nip, role, on_behalf_of, from_date, until_date, reason, granted_by, granted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (delegation_id) DO NOTHING`,
          [
            d.delegationId,
            d.agencyId,
            d.nip,
            d.role,
            d.onBehalfOf,
            d.from,
            d.until,
            d.reason,
            event.metadata.actor,
            event.metadata.occurredAt,
          ],
        );
        return;
      }
      case 'DelegationRevoked':
        await db.query(
          `UPDATE ${tables.delegations} SET revoked_by = $2, revoked_at = $3 WHERE delegation_id = $1 AND revoked_at IS NULL`,
          [event.data.delegationId, event.data.revokedBy, event.metadata.occurredAt],
        );
        return;
      default:
        throw new Error(`delegations cannot apply ${event.type}`);
    }
  },
};
