import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor, DelegatedRoles } from '#auth';
import { CLOCK, type Clock } from '#config';
import { DEFAULT_TIME_ZONE, delegationInForce, localDate, type ActiveDelegation, type DelegableRole, type Role } from '#domain';
import { DATA_SOURCE, poolOf, prepared } from '#event-store';

interface DelegationRow {
  delegation_id: string;
  delegate_nip: string;
  role: DelegableRole;
  on_behalf_of: string;
  from_date: string;
  until_date: string;
  reason: string;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  time_zone: string | null;
}

const SELECT = `SELECT d.delegation_id, d.delegate_nip, d.role, d.on_behalf_of, d.from_date::text AS from_date, d.until_date::text AS until_date,
    d.reason, d.granted_by, d.granted_at, d.revoked_at, a.time_zone
  FROM delegations d LEFT JOIN agency_configs a ON a.agency_id = d.agency_id`;

/** Acting officials as the read side sees them: the queue, the role guard and `GET /api/delegations`. */
@Injectable()
export class Delegations implements DelegatedRoles {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The actor's delegations, with the agency's zone their days are counted in. */
  async of(actor: Pick<Actor, 'nip' | 'agency'>): Promise<{ delegations: ActiveDelegation[]; timeZone: string }> {
    const { rows } = await poolOf(this.db).query<DelegationRow>(
      prepared(`${SELECT} WHERE d.delegate_nip = $1 AND d.agency_id = $2`, [actor.nip, actor.agency]),
    );
    return {
      delegations: rows.map((r) => ({
        delegationId: r.delegation_id,
        role: r.role,
        onBehalfOf: r.on_behalf_of,
        from: r.from_date,
        until: r.until_date,
        revoked: r.revoked_at !== null,
      })),
      timeZone: rows[0]?.time_zone ?? DEFAULT_TIME_ZONE,
    };
  }

  /** The roles a delegation in force lends the actor today (the role guard asks when the token lacks one). */
  async rolesOf(actor: Pick<Actor, 'nip' | 'agency'>): Promise<Role[]> {
    const { delegations, timeZone } = await this.of(actor);
    const today = localDate(this.clock.now().toISOString(), timeZone);
    return delegations.filter((d) => delegationInForce(d, today) && d.role !== 'superior').map((d) => d.role as Role);
  }

  async list(agency: string) {
    const { rows } = await poolOf(this.db).query<DelegationRow>(
      prepared(`${SELECT} WHERE d.agency_id = $1 ORDER BY d.from_date, d.delegation_id`, [agency]),
    );
    const now = this.clock.now().toISOString();
    return rows.map((r) => ({
      delegationId: r.delegation_id,
      delegateNip: r.delegate_nip,
      role: r.role,
      onBehalfOf: r.on_behalf_of,
      from: r.from_date,
      until: r.until_date,
      reason: r.reason,
      grantedBy: r.granted_by,
      revoked: r.revoked_at !== null,
      inForce: delegationInForce(
        { from: r.from_date, until: r.until_date, revoked: r.revoked_at !== null },
        localDate(now, r.time_zone ?? DEFAULT_TIME_ZONE),
      ),
    }));
  }
}
