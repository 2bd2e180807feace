import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { runCaseCommand } from '../case-command.js';
import type { DecidePromotionRequest } from './decide-promotion.request.dto.js';

export class DecidePromotionCommand {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly body: DecidePromotionRequest,
  ) {}
}

@CommandHandler(DecidePromotionCommand)
export class DecidePromotionHandler implements ICommandHandler<DecidePromotionCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, caseId, body }: DecidePromotionCommand): Promise<CommandResult> {
    return runCaseCommand(this.executor, context, caseId, 200, (metadata) => ({
      type: 'DecidePromotion',
      data: { caseId, decision: body.decision, reason: body.reason ?? null, expectedVersion: body.expectedVersion },
      metadata,
    }));
  }
}
