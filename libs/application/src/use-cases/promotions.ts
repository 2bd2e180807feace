import { randomUUID } from 'node:crypto';
import {
  promotionDecider,
  streamIds,
  type CommandMetadata,
  type DecidePromotion,
  type PromotionCommand,
  type PromotionEvent,
  type PromotionState,
  type ProposePromotion,
  type RuleOutcome,
} from '#domain';
import { agencyOf, employeeOf, meritFacts, uniqueKeys, type MeritFacts } from '../streams.js';
import type { Decided, UseCase } from '../use-case.js';

const CLOSING: ReadonlySet<PromotionEvent['type']> = new Set(['PromotionApproved', 'PromotionRejected', 'PromotionWithdrawn']);

export type ProposePromotionInput = Omit<ProposePromotion['data'], 'caseId'> & { caseId?: string };

interface Proposed {
  caseId: string;
  eligible: boolean;
  exception: boolean;
  rules: RuleOutcome[];
  policyVersion: number;
  status: 'IN_PROGRESS';
  stage: string | null;
  dueAt: string | null;
}

export const proposePromotion: UseCase<ProposePromotionInput, Proposed, PromotionCommand, PromotionState, PromotionEvent, MeritFacts> = {
  name: 'ProposePromotion',
  decider: promotionDecider,
  prepare: (input) => ({ ...input, caseId: input.caseId ?? randomUUID() }),
  target: (input) => ({ streamId: streamIds.promotion(input.caseId as string), fresh: true }),
  reads: (input, actor) => [streamIds.employee(input.nip), streamIds.agency(actor.agency)],
  facts: (reader, input) => meritFacts(reader, input.nip),
  command: (input, metadata, streams, facts) => ({
    type: 'ProposePromotion',
    data: { ...input, caseId: input.caseId as string, exceptionJustification: input.exceptionJustification ?? null },
    metadata,
    context: {
      employee: employeeOf(streams, input.nip),
      agency: agencyOf(streams, metadata.agency),
      approvals: facts.approvals,
      appraisals: facts.appraisals,
      trainings: facts.trainings,
      openCaseId: facts.openCaseId,
    },
  }),
  keys: ({ input }) => ({
    claim: [{ key: uniqueKeys.openCase(input.nip), message: `Employee ${input.nip} already has an open promotion case` }],
  }),
  result: ({ input, after }) => ({
    caseId: input.caseId as string,
    eligible: after.exists && after.eligible,
    exception: after.exists && after.exception,
    rules: after.exists ? after.rules : [],
    policyVersion: after.exists ? after.policyVersion : 0,
    status: 'IN_PROGRESS',
    stage: after.exists ? after.stage : null,
    dueAt: after.exists ? (after.visits.at(-1)?.dueAt ?? null) : null,
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

/** The commands on an existing case share everything but the command they build. */
function caseCommand<TInput extends CaseInput>(
  name: string,
  build: (input: TInput, metadata: CommandMetadata) => PromotionCommand,
  { retries = 0, system = false } = {},
): UseCase<TInput, CaseAnswer, PromotionCommand, PromotionState, PromotionEvent> {
  return {
    name,
    decider: promotionDecider,
    retries,
    target: (input) => ({ streamId: streamIds.promotion(input.caseId) }),
    command: (input, metadata) => build(input, metadata),
    // Closing a case frees the employee's one-open-case key.
    keys: ({ before, events }) => ({
      release: before.exists && events.some((e) => CLOSING.has(e.type)) ? [uniqueKeys.openCase(before.nip)] : [],
    }),
    // Events of a case are the case's agency's, whoever causes them; a system worker reacts to the case's last event.
    eventMetadata: ({ before }) =>
      before.exists
        ? { agency: before.agencyId, ...(system ? { causationId: `${streamIds.promotion(before.caseId)}/${before.version}` } : {}) }
        : {},
    result: caseAnswer,
  };
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

export const decidePromotion = caseCommand<DecidePromotionInput>('DecidePromotion', (input, metadata) => ({
  type: 'DecidePromotion',
  data: { ...input, reason: input.reason ?? null },
  metadata,
}));
export const claimPromotion = caseCommand<VersionedInput>('ClaimPromotion', (input, metadata) => ({
  type: 'ClaimPromotion',
  data: input,
  metadata,
}));
export const releaseClaim = caseCommand<VersionedInput>('ReleaseClaim', (input, metadata) => ({
  type: 'ReleaseClaim',
  data: input,
  metadata,
}));
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
