import { randomUUID } from 'node:crypto';
import {
  conflict,
  employeeDecider,
  streamIds,
  type AnnulSanction,
  type ChangePost,
  type CloseExamination,
  type CommandMetadata,
  type EmployeeCommand,
  type EmployeeEvent,
  type EmployeeState,
  type ImposeSanction,
  type OpenExamination,
  type RecordEducation,
  type RecordServiceExam,
  type RegisterEmployee,
  type StateCreditPoints,
  type TransferEmployee,
} from '#domain';
import { agencyOf } from '../streams.js';
import type { StreamReads, UseCase } from '../use-case.js';

type EmployeeUseCase<TInput, TResult extends object> = UseCase<TInput, TResult, EmployeeCommand, EmployeeState, EmployeeEvent>;

/** An employee command on `employee-{nip}`, decided in the zone of the actor's agency ("today"). */
function onEmployee<C extends EmployeeCommand, TResult extends object = Record<string, never>>(
  name: C['type'],
  result: EmployeeUseCase<C['data'], TResult>['result'] = () => ({}) as TResult,
): EmployeeUseCase<C['data'], TResult> {
  return {
    name,
    decider: employeeDecider,
    target: (input) => ({ streamId: streamIds.employee(input.nip) }),
    reads: (_input, actor) => [streamIds.agency(actor.agency)],
    command: (input: C['data'], metadata: CommandMetadata, streams: StreamReads) =>
      ({ type: name, data: { ...input }, metadata, context: { timeZone: agencyOf(streams, metadata.agency).timeZone } }) as C,
    result,
  };
}

export type RegisterEmployeeInput = RegisterEmployee['data'];

export const registerEmployee: EmployeeUseCase<RegisterEmployeeInput, { nip: string }> = {
  ...onEmployee<RegisterEmployee, { nip: string }>('RegisterEmployee', ({ input }) => ({ nip: input.nip })),
  // Two registrations of one NIP racing: the loser reads the winner's registration and the decider
  // answers as for any duplicate (404 when it is another agency's, never a 409 that reveals it).
  retries: 1,
  onConcurrencyConflict: (input) => conflict('EMPLOYEE.ALREADY_REGISTERED', `Employee ${input.nip} is already registered`),
};

export type RecordEducationInput = RecordEducation['data'];
export const recordEducation = onEmployee<RecordEducation>('RecordEducation');

export type ChangePostInput = ChangePost['data'];
export const changePost = onEmployee<ChangePost>('ChangePost');

export type TransferEmployeeInput = TransferEmployee['data'];
export const transferEmployee = onEmployee<TransferEmployee>('TransferEmployee');

export type StateCreditPointsInput = StateCreditPoints['data'];
export const stateCreditPoints = onEmployee<StateCreditPoints>('StateCreditPoints');

export type RecordServiceExamInput = RecordServiceExam['data'];
export const recordServiceExam = onEmployee<RecordServiceExam>('RecordServiceExam');

export type ImposeSanctionInput = Omit<ImposeSanction['data'], 'sanctionId'> & { sanctionId?: string };

/** The sanction's id is generated once (retries reuse it); the answer carries the term the type gave. */
export const imposeSanction: EmployeeUseCase<ImposeSanctionInput, { sanctionId: string; until: string | null }> = {
  ...(onEmployee<ImposeSanction>('ImposeSanction') as unknown as EmployeeUseCase<ImposeSanctionInput, never>),
  prepare: (input) => ({ ...input, sanctionId: input.sanctionId ?? randomUUID() }),
  result: ({ input, events }) => {
    const imposed = events.find((e) => e.type === 'DisciplinarySanctionImposed');
    return { sanctionId: input.sanctionId as string, until: imposed?.data.until ?? null };
  },
};

export type AnnulSanctionInput = AnnulSanction['data'];
export const annulSanction = onEmployee<AnnulSanction>('AnnulSanction');

export type OpenExaminationInput = Omit<OpenExamination['data'], 'examinationId'> & { examinationId?: string };

export const openExamination: EmployeeUseCase<OpenExaminationInput, { examinationId: string }> = {
  ...(onEmployee<OpenExamination>('OpenExamination') as unknown as EmployeeUseCase<OpenExaminationInput, never>),
  prepare: (input) => ({ ...input, examinationId: input.examinationId ?? randomUUID() }),
  result: ({ input }) => ({ examinationId: input.examinationId as string }),
};

export type CloseExaminationInput = CloseExamination['data'];
export const closeExamination = onEmployee<CloseExamination>('CloseExamination');
