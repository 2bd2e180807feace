import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { runCaseCommand } from '../case-command.js';

export class ResubmitPromotionCommand {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly expectedVersion?: number,
  ) {}
}

@CommandHandler(ResubmitPromotionCommand)
export class ResubmitPromotionHandler implements ICommandHandler<ResubmitPromotionCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, caseId, expectedVersion }: ResubmitPromotionCommand): Promise<CommandResult> {
    return runCaseCommand(this.executor, context, caseId, 200, (metadata) => ({
      type: 'ResubmitPromotion',
      data: { caseId, expectedVersion },
      metadata,
    }));
  }
}
