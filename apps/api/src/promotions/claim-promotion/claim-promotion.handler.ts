import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { runCaseCommand } from '../case-command.js';

export class ClaimPromotionCommand {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly expectedVersion?: number,
  ) {}
}
export class ReleaseClaimCommand {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly expectedVersion?: number,
  ) {}
}

@CommandHandler(ClaimPromotionCommand)
export class ClaimPromotionHandler implements ICommandHandler<ClaimPromotionCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, caseId, expectedVersion }: ClaimPromotionCommand): Promise<CommandResult> {
    return runCaseCommand(this.executor, context, caseId, 200, (metadata) => ({
      type: 'ClaimPromotion',
      data: { caseId, expectedVersion },
      metadata,
    }));
  }
}

@CommandHandler(ReleaseClaimCommand)
export class ReleaseClaimHandler implements ICommandHandler<ReleaseClaimCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, caseId, expectedVersion }: ReleaseClaimCommand): Promise<CommandResult> {
    return runCaseCommand(this.executor, context, caseId, 200, (metadata) => ({
      type: 'ReleaseClaim',
      data: { caseId, expectedVersion },
      metadata,
    }));
  }
}
