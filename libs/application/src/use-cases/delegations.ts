import { randomUUID } from 'node:crypto';
import {
  delegationDecider,
  notFound,
  streamIds,
  type DelegationCommand,
  type DelegationEvent,
  type DelegationState,
  type GrantDelegation,
} from '#domain';
import { agencyOf, employeeOf } from '../streams.js';
import type { UseCase } from '../use-case.js';

/** Where a delegation lives: the stream of its delegator and role, found again by its id. */
const delegationKey = (delegationId: string) => `delegation:${delegationId}`;

export type GrantDelegationInput = Omit<GrantDelegation['data'], 'delegationId'> & { delegationId?: string };

export const grantDelegation: UseCase<GrantDelegationInput, { delegationId: string }, DelegationCommand, DelegationState, DelegationEvent> =
  {
    name: 'GrantDelegation',
    decider: delegationDecider,
    prepare: (input) => ({ ...input, delegationId: input.delegationId ?? randomUUID() }),
    target: (input) => ({ streamId: streamIds.delegations(input.onBehalfOf, input.role) }),
    reads: (input, actor) => [streamIds.employee(input.delegateNip), streamIds.employee(input.onBehalfOf), streamIds.agency(actor.agency)],
    command: (input, metadata, streams) => ({
      type: 'GrantDelegation',
      data: { ...input, delegationId: input.delegationId as string },
      metadata,
      context: {
        delegate: employeeOf(streams, input.delegateNip),
        delegator: employeeOf(streams, input.onBehalfOf),
        timeZone: agencyOf(streams, metadata.agency).timeZone,
      },
    }),
    keys: ({ input }) => ({
      claim: [{ key: delegationKey(input.delegationId as string), message: `Delegation ${input.delegationId} exists` }],
    }),
    result: ({ input }) => ({ delegationId: input.delegationId as string }),
  };

export interface RevokeDelegationInput {
  delegationId: string;
  /** Filled in by `locate`: the delegation's stream. */
  streamId?: string;
}

export const revokeDelegation: UseCase<
  RevokeDelegationInput,
  { delegationId: string; revoked: true },
  DelegationCommand,
  DelegationState,
  DelegationEvent
> = {
  name: 'RevokeDelegation',
  decider: delegationDecider,
  locate: async (reader, input) => {
    const streamId = await reader.keyHolder(delegationKey(input.delegationId));
    if (!streamId) throw notFound('DELEGATION.NOT_FOUND', `Delegation ${input.delegationId} not found`);
    return { ...input, streamId };
  },
  target: (input) => ({ streamId: input.streamId as string }),
  command: (input, metadata) => ({ type: 'RevokeDelegation', data: { delegationId: input.delegationId }, metadata }),
  result: ({ input }) => ({ delegationId: input.delegationId, revoked: true }),
};
