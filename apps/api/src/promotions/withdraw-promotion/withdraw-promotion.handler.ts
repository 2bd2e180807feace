import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { runCaseCommand } from '../case-command.js';

export class WithdrawPromotionCommand {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly reason: string | null,
    readonly expectedVersion?: number,
  ) {}
}

@CommandHandler(WithdrawPromotionCommand)
export class WithdrawPromotionHandler implements ICommandHandler<WithdrawPromotionCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, caseId, reason, expectedVersion }: WithdrawPromotionCommand): Promise<CommandResult> {
    return runCaseCommand(this.executor, context, caseId, 200, (metadata) => ({
      type: 'WithdrawPromotion',
      data: { caseId, reason, expectedVersion },
      metadata,
    }));
  }
}
