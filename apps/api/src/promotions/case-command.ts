import {
  promotionDecider,
  streamIds,
  type CommandMetadata,
  type PromotionCommand,
  type PromotionEvent,
  type PromotionState,
} from '#domain';
import type { CommandContext, CommandResult } from '../commands/command-context.js';
import { commandMetadata } from '../commands/command-context.factory.js';
import type { CommandExecutor } from '../commands/command-executor.js';
import { asDomainEvents, lastOf, loadPromotion, uniqueKeys } from '../commands/write-model.js';

const CLOSING: ReadonlySet<string> = new Set(['PromotionApproved', 'PromotionRejected', 'PromotionWithdrawn']);

export interface CaseCommandResponse extends Record<string, unknown> {
  caseId: string;
  status: string;
  stage: string | null;
  version: number;
  position: number;
}

/**
 * Loads a case, lets the decider rule, appends at the version read. A writer that got there
 * first makes the append fail with CONCURRENCY_CONFLICT: the loser never gets a 2xx.
 * Closing a case frees the employee's one-open-case key.
 */
export function runCaseCommand(
  executor: CommandExecutor,
  context: CommandContext,
  caseId: string,
  status: number,
  build: (metadata: CommandMetadata) => PromotionCommand,
): Promise<CommandResult<CaseCommandResponse>> {
  return executor.execute(context, status, async (unit) => {
    const { state, version } = await loadPromotion(unit.session, caseId);
    const events = promotionDecider.decide(build(commandMetadata(context, unit.now)), state);
    const streamId = streamIds.promotion(caseId);
    const recorded = await unit.session.append(streamId, version, unit.toNewEvents(events, state.exists ? state.agencyId : undefined));
    if (state.exists && events.some((e) => CLOSING.has(e.type))) await unit.session.releaseKeys([uniqueKeys.openCase(state.nip)]);
    const after = asDomainEvents<PromotionEvent>(recorded).reduce<PromotionState>((s, e) => promotionDecider.evolve(s, e), state);
    return caseResponse(caseId, after, recorded.length > 0 ? lastOf(recorded) : { position: 0, version });
  });
}

function caseResponse(caseId: string, state: PromotionState, last: { position: number; version: number }): CaseCommandResponse {
  return {
    caseId,
    status: state.exists ? state.status : 'UNKNOWN',
    stage: state.exists && (state.status === 'IN_PROGRESS' || state.status === 'RETURNED') ? state.stage : null,
    version: last.version,
    position: last.position,
  };
}
