import { randomUUID } from 'node:crypto';
import {
  appraisalDecider,
  streamIds,
  trainingDecider,
  type AppraisalCommand,
  type AppraisalEvent,
  type AppraisalState,
  type Predicate,
  type RecordTraining,
  type SubmitAppraisal,
  type TrainingCommand,
  type TrainingEvent,
  type TrainingState,
} from '#domain';
import { agencyOf, employeeOf, uniqueKeys } from '../streams.js';
import type { UseCase } from '../use-case.js';

export type SubmitAppraisalInput = Omit<SubmitAppraisal['data'], 'appraisalId'> & { appraisalId?: string };

export const submitAppraisal: UseCase<
  SubmitAppraisalInput,
  { appraisalId: string; predicate: Predicate; unitId: string; period: number },
  AppraisalCommand,
  AppraisalState,
  AppraisalEvent
> = {
  name: 'SubmitAppraisal',
  decider: appraisalDecider,
  prepare: (input) => ({ ...input, appraisalId: input.appraisalId ?? randomUUID() }),
  target: (input) => ({ streamId: streamIds.appraisal(input.appraisalId as string), fresh: true }),
  reads: (input, actor) => [streamIds.employee(input.nip), streamIds.agency(actor.agency)],
  command: (input, metadata, streams) => ({
    type: 'SubmitAppraisal',
    data: { ...input, appraisalId: input.appraisalId as string, notes: input.notes ?? null },
    metadata,
    context: { employee: employeeOf(streams, input.nip), timeZone: agencyOf(streams, metadata.agency).timeZone },
  }),
  keys: ({ input }) => ({
    claim: [
      { key: uniqueKeys.appraisal(input.nip, input.period), message: `Employee ${input.nip} already has an appraisal for ${input.period}` },
    ],
  }),
  // The unit and period let the caller check the unit's curve after the append (advisory, from the projections).
  result: ({ input, after }) => ({
    appraisalId: input.appraisalId as string,
    predicate: after.exists ? after.predicate : ('' as Predicate),
    unitId: after.exists ? after.unitId : '',
    period: input.period,
  }),
};

export type RecordTrainingInput = Omit<RecordTraining['data'], 'trainingId'> & { trainingId?: string };

export const recordTraining: UseCase<RecordTrainingInput, { trainingId: string }, TrainingCommand, TrainingState, TrainingEvent> = {
  name: 'RecordTraining',
  decider: trainingDecider,
  prepare: (input) => ({ ...input, trainingId: input.trainingId ?? randomUUID() }),
  target: (input) => ({ streamId: streamIds.training(input.trainingId as string), fresh: true }),
  reads: (input, actor) => [streamIds.employee(input.nip), streamIds.agency(actor.agency)],
  command: (input, metadata, streams) => ({
    type: 'RecordTraining',
    data: { ...input, trainingId: input.trainingId as string },
    metadata,
    context: { employee: employeeOf(streams, input.nip), timeZone: agencyOf(streams, metadata.agency).timeZone },
  }),
  keys: ({ input }) => ({
    claim: [
      {
        key: uniqueKeys.certificate(input.nip, input.certificateNo),
        message: `Certificate ${input.certificateNo} is already recorded for employee ${input.nip}`,
      },
    ],
  }),
  result: ({ input }) => ({ trainingId: input.trainingId as string }),
};
