import { randomUUID } from 'node:crypto';
import {
  conflict,
  employeeDecider,
  streamIds,
  type EmployeeCommand,
  type EmployeeEvent,
  type EmployeeState,
  type ImposeSanction,
  type RegisterEmployee,
} from '#domain';
import { agencyOf } from '../streams.js';
import type { UseCase } from '../use-case.js';

export type RegisterEmployeeInput = Omit<RegisterEmployee['data'], never>;

export const registerEmployee: UseCase<RegisterEmployeeInput, { nip: string }, EmployeeCommand, EmployeeState, EmployeeEvent> = {
  name: 'RegisterEmployee',
  decider: employeeDecider,
  target: (input) => ({ streamId: streamIds.employee(input.nip) }),
  reads: (_input, actor) => [streamIds.agency(actor.agency)],
  command: (input, metadata, streams) => ({
    type: 'RegisterEmployee',
    data: { ...input },
    metadata,
    context: { timeZone: agencyOf(streams, metadata.agency).timeZone },
  }),
  result: ({ input }) => ({ nip: input.nip }),
  // Two registrations of one NIP racing: the loser is a duplicate, not a stale read.
  onConcurrencyConflict: (input) => conflict('EMPLOYEE.ALREADY_REGISTERED', `Employee ${input.nip} is already registered`),
};

export type ImposeSanctionInput = Omit<ImposeSanction['data'], 'sanctionId'>;

export const imposeSanction: UseCase<
  ImposeSanctionInput & { sanctionId?: string },
  { sanctionId: string },
  EmployeeCommand,
  EmployeeState,
  EmployeeEvent
> = {
  name: 'ImposeSanction',
  decider: employeeDecider,
  prepare: (input) => ({ ...input, sanctionId: input.sanctionId ?? randomUUID() }),
  target: (input) => ({ streamId: streamIds.employee(input.nip) }),
  reads: (_input, actor) => [streamIds.agency(actor.agency)],
  command: (input, metadata, streams) => ({
    type: 'ImposeSanction',
    data: { ...input, sanctionId: input.sanctionId as string },
    metadata,
    context: { timeZone: agencyOf(streams, metadata.agency).timeZone },
  }),
  result: ({ input }) => ({ sanctionId: input.sanctionId as string }),
};
