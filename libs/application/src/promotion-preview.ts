import {
  berkasStatus,
  previewCandidate,
  previewProposal,
  streamIds,
  toStoredEvent,
  type ProposalInput,
  type ProposalPreview,
  type ReferenceData,
} from '#domain';
import type { CommandStore } from '#event-store';
import type { Clock } from '#config';
import { agencyOf, employeeOf, meritFacts } from './streams.js';
import type { Actor, FactReader, StreamReads } from './use-case.js';

/**
 * What a proposal would record if made now: every rule's outcome, the berkas, the decree authority
 * and the stages, from the very facts and pure functions the proposal decides on. Writes nothing.
 */
/** One stage of the route a proposal would take. */
export interface PreviewStage {
  stage: string;
  role: string;
  sla: string;
}

export class PromotionPreview {
  constructor(
    private readonly store: CommandStore,
    private readonly clock: Clock,
    private readonly reference: ReferenceData,
  ) {}

  async preview(
    input: ProposalInput,
    actor: Actor,
  ): Promise<Omit<ProposalPreview, 'documents' | 'stages'> & { documents: ReturnType<typeof berkasStatus>; stages: PreviewStage[] }> {
    const now = this.clock.now().toISOString();
    const ids = [streamIds.employee(input.nip), streamIds.agency(actor.agency)];
    const [reads, facts] = await Promise.all([this.store.readStreams(ids), meritFacts(this.reader(), input.nip)]);
    const streams: StreamReads = { events: (id) => (reads.get(id)?.events ?? []).map(toStoredEvent) };
    const context = {
      employee: employeeOf(streams, input.nip),
      agency: agencyOf(streams, actor.agency),
      reference: this.reference,
      approvals: facts.approvals,
      appraisals: facts.appraisals,
      trainings: facts.trainings,
    };
    const metadata = { actor: actor.nip, roles: actor.roles, agency: actor.agency, now };
    const employee = previewCandidate({ data: input, metadata, context });
    const preview = previewProposal(employee, input, context, now);
    return {
      ...preview,
      documents: berkasStatus(
        preview.documents.map((d) => ({ ...d, current: null, files: [] })),
        [],
      ),
      // Named `stage` as in every other view of a case's pipeline.
      stages: preview.stages.map(({ id, role, sla }) => ({ stage: id, role, sla })),
    };
  }

  private reader(): FactReader {
    return {
      readByNip: async (nip, types) => (await this.store.readByNip(nip, types)).map(toStoredEvent),
      keyHolder: (key) => this.store.keyHolder(key),
      readStreams: async () => ({ events: () => [] }),
      reference: this.reference,
    };
  }
}
