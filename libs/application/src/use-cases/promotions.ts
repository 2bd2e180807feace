import { randomUUID } from 'node:crypto';
import {
  berkasStatus,
  promotionDecider,
  streamIds,
  type ActiveDelegation,
  type BerkasDocument,
  type CommandMetadata,
  type DecidePromotion,
  type EmployeeState,
  type PromotionCommand,
  type PromotionEvent,
  type PromotionState,
  type ProposePromotion,
  type RuleOutcome,
  type UploadPromotionDocument,
} from '#domain';
import { agencyOf, delegationsOfActor, employeeOf, meritFacts, uniqueKeys, type MeritFacts } from '../streams.js';
import type { Decided, FactReader, UseCase } from '../use-case.js';

const CLOSING: ReadonlySet<PromotionEvent['type']> = new Set(['PromotionApproved', 'PromotionRejected', 'PromotionWithdrawn']);

export type ProposePromotionInput = Omit<ProposePromotion['data'], 'caseId'> & { caseId?: string };

interface Proposed {
  caseId: string;
  eligible: boolean;
  rules: RuleOutcome[];
  referenceVersion: string;
  status: 'IN_PROGRESS';
  stage: string | null;
  dueAt: string | null;
  documents: BerkasDocument[];
}

export const proposePromotion: UseCase<
  ProposePromotionInput,
  Proposed,
  PromotionCommand,
  PromotionState,
  PromotionEvent,
  MeritFacts & { delegations: ActiveDelegation[] }
> = {
  name: 'ProposePromotion',
  decider: promotionDecider,
  prepare: (input) => ({ ...input, caseId: input.caseId ?? randomUUID() }),
  target: (input) => ({ streamId: streamIds.promotion(input.caseId as string), fresh: true }),
  reads: (input, actor) => [streamIds.employee(input.nip), streamIds.agency(actor.agency)],
  facts: async (reader, input, actor) => {
    const [merit, delegations] = await Promise.all([meritFacts(reader, input.nip), delegationsOfActor(reader, actor.nip, actor.agency)]);
    return { ...merit, delegations };
  },
  command: (input, metadata, streams, facts) => ({
    type: 'ProposePromotion',
    data: { ...input, caseId: input.caseId as string },
    metadata,
    context: {
      employee: employeeOf(streams, input.nip),
      agency: agencyOf(streams, metadata.agency),
      reference: facts.reference,
      approvals: facts.approvals,
      appraisals: facts.appraisals,
      trainings: facts.trainings,
      openCaseId: facts.openCaseId,
      delegations: facts.delegations,
    },
  }),
  eventMetadata: ({ events }) => {
    const onBehalfOf = actingFor(events);
    return onBehalfOf ? { onBehalfOf } : {};
  },
  keys: ({ input }) => ({
    claim: [{ key: uniqueKeys.openCase(input.nip), message: `Employee ${input.nip} already has an open promotion case` }],
  }),
  result: ({ input, after }) => ({
    caseId: input.caseId as string,
    eligible: after.exists && after.eligible,
    rules: after.exists ? after.rules : [],
    referenceVersion: after.exists ? after.referenceVersion : '',
    status: 'IN_PROGRESS',
    stage: after.exists ? after.stage : null,
    dueAt: after.exists ? (after.visits.at(-1)?.dueAt ?? null) : null,
    documents: after.exists ? berkasStatus(after.berkas, []) : [],
  }),
};

interface CaseAnswer {
  caseId: string;
  status: string;
  stage: string | null;
}

interface CaseInput {
  caseId: string;
}

/** What a command on an existing case may need beyond the case: the actor's delegations, the candidate's record. */
interface CaseFacts {
  delegations: ActiveDelegation[];
  employee?: EmployeeState;
}

/** The commands on an existing case share everything but the command they build (and the facts they read). */
function caseCommand<TInput extends CaseInput>(
  name: string,
  build: (input: TInput, metadata: CommandMetadata, facts: CaseFacts) => PromotionCommand,
  {
    retries = 0,
    system = false,
    facts,
  }: {
    retries?: number;
    system?: boolean;
    facts?: (reader: FactReader, input: TInput, actor: { nip: string; agency: string }) => Promise<CaseFacts>;
  } = {},
): UseCase<TInput, CaseAnswer, PromotionCommand, PromotionState, PromotionEvent, CaseFacts> {
  return {
    name,
    decider: promotionDecider,
    retries,
    target: (input) => ({ streamId: streamIds.promotion(input.caseId) }),
    ...(facts ? { facts } : {}),
    command: (input, metadata, _streams, loaded) => build(input, metadata, loaded ?? { delegations: [] }),
    // Closing a case frees the employee's one-open-case key.
    keys: ({ before, events }) => ({
      release: before.exists && events.some((e) => CLOSING.has(e.type)) ? [uniqueKeys.openCase(before.nip)] : [],
    }),
    // Events of a case are the case's agency's, whoever causes them; a system worker reacts to the case's last event;
    // an acting official's events name whom they acted for.
    eventMetadata: ({ before, events }) => {
      if (!before.exists) return {};
      const onBehalfOf = actingFor(events);
      return {
        agency: before.agencyId,
        ...(system ? { causationId: `${streamIds.promotion(before.caseId)}/${before.version}` } : {}),
        ...(onBehalfOf ? { onBehalfOf } : {}),
      };
    },
    result: caseAnswer,
  };
}

/** Whom an acting official acted for: the domain records it on the decision (or claim) it made. */
function actingFor(events: readonly PromotionEvent[]): string | null {
  for (const e of events) {
    const onBehalfOf = (e.data as { onBehalfOf?: string }).onBehalfOf;
    if (onBehalfOf) return onBehalfOf;
  }
  return null;
}

const actorDelegations = async (reader: FactReader, _input: CaseInput, actor: { nip: string; agency: string }): Promise<CaseFacts> => ({
  delegations: await delegationsOfActor(reader, actor.nip, actor.agency),
});

/** A decree is refused while the candidate serves a sanction: the decree decision also reads the candidate's record. */
async function decisionFacts(reader: FactReader, input: DecidePromotionInput, actor: { nip: string; agency: string }): Promise<CaseFacts> {
  const delegations = delegationsOfActor(reader, actor.nip, actor.agency);
  if (input.decision !== 'APPROVE' || input.decreeNumber === undefined) return { delegations: await delegations };
  const caseStream = await reader.readStreams([streamIds.promotion(input.caseId)]);
  const proposed = caseStream.events(streamIds.promotion(input.caseId)).find((e) => e.type === 'PromotionProposed');
  if (!proposed || proposed.type !== 'PromotionProposed') return { delegations: await delegations };
  const employee = await reader.readStreams([streamIds.employee(proposed.data.nip)]);
  return { delegations: await delegations, employee: employeeOf(employee, proposed.data.nip) };
}

function caseAnswer({ input, after }: Decided<CaseInput, PromotionState, PromotionEvent>): CaseAnswer {
  return {
    caseId: input.caseId,
    status: after.exists ? after.status : 'UNKNOWN',
    stage: after.exists && (after.status === 'IN_PROGRESS' || after.status === 'RETURNED') ? after.stage : null,
  };
}

export type DecidePromotionInput = CaseInput & Omit<DecidePromotion['data'], 'caseId'>;
type VersionedInput = CaseInput & { expectedVersion?: number };

export const decidePromotion = caseCommand<DecidePromotionInput>(
  'DecidePromotion',
  (input, metadata, facts) => ({
    type: 'DecidePromotion',
    data: { ...input, reason: input.reason ?? null },
    metadata,
    context: { delegations: facts.delegations, employee: facts.employee },
  }),
  { facts: decisionFacts },
);
export const claimPromotion = caseCommand<VersionedInput>(
  'ClaimPromotion',
  (input, metadata, facts) => ({ type: 'ClaimPromotion', data: input, metadata, context: { delegations: facts.delegations } }),
  { facts: actorDelegations },
);
export const releaseClaim = caseCommand<VersionedInput>('ReleaseClaim', (input, metadata) => ({
  type: 'ReleaseClaim',
  data: input,
  metadata,
}));
export const declareConflict = caseCommand<CaseInput & { reason: string }>(
  'DeclareConflict',
  (input, metadata, facts) => ({ type: 'DeclareConflict', data: input, metadata, context: { delegations: facts.delegations } }),
  { facts: actorDelegations },
);
export const resubmitPromotion = caseCommand<VersionedInput>('ResubmitPromotion', (input, metadata) => ({
  type: 'ResubmitPromotion',
  data: input,
  metadata,
}));
export const withdrawPromotion = caseCommand<VersionedInput & { reason?: string | null }>('WithdrawPromotion', (input, metadata) => ({
  type: 'WithdrawPromotion',
  data: { ...input, reason: input.reason ?? null },
  metadata,
}));
/** The SLA clock's command: a racing decision or twin clock makes it read again and find nothing (or the breach) due. */
export const markSlaBreached = caseCommand<CaseInput>(
  'MarkSlaBreached',
  (input, metadata) => ({ type: 'MarkSlaBreached', data: input, metadata }),
  {
    retries: 3,
    system: true,
  },
);

export type UploadDocumentInput = CaseInput & Omit<UploadPromotionDocument['data'], 'caseId' | 'documentId'> & { documentId?: string };

/** Records a file of the berkas whose bytes the storage port already holds (by SHA-256). */
export const uploadPromotionDocument: UseCase<
  UploadDocumentInput,
  { documentId: string; type: string; sha256: string; size: number },
  PromotionCommand,
  PromotionState,
  PromotionEvent
> = {
  name: 'UploadPromotionDocument',
  decider: promotionDecider,
  prepare: (input) => ({ ...input, documentId: input.documentId ?? randomUUID() }),
  target: (input) => ({ streamId: streamIds.promotion(input.caseId) }),
  command: (input, metadata) => ({
    type: 'UploadPromotionDocument',
    data: { ...input, documentId: input.documentId as string },
    metadata,
  }),
  eventMetadata: ({ before }) => (before.exists ? { agency: before.agencyId } : {}),
  result: ({ input }) => ({ documentId: input.documentId as string, type: input.type, sha256: input.sha256, size: input.size }),
};
