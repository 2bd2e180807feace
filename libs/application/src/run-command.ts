import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from './command-runner.js';
import type { AnyUseCase, CommandContext } from './use-case.js';

/** The one CQRS command: a use case, its input and who asks. */
export class RunCommand<TInput = unknown> {
  constructor(
    readonly useCase: AnyUseCase,
    readonly input: TInput,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RunCommand)
export class RunCommandHandler implements ICommandHandler<RunCommand, object> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ useCase, input, context }: RunCommand): Promise<object> {
    return this.runner.run(useCase, input, context);
  }
}
