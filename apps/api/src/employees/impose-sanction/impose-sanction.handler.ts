import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { employeeDecider, streamIds, type ImposeSanction } from '#domain';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { commandMetadata } from '../../commands/command-context.factory.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { lastOf, loadAgency, loadEmployee } from '../../commands/write-model.js';
import type { ImposeSanctionRequest } from './impose-sanction.request.dto.js';

export class ImposeSanctionCommand {
  constructor(
    readonly context: CommandContext,
    readonly nip: string,
    readonly body: ImposeSanctionRequest,
  ) {}
}

@CommandHandler(ImposeSanctionCommand)
export class ImposeSanctionHandler implements ICommandHandler<ImposeSanctionCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, nip, body }: ImposeSanctionCommand): Promise<CommandResult> {
    return this.executor.execute(context, 201, async (unit) => {
      const { state, version } = await loadEmployee(unit.session, nip);
      // Existence (404) is the decider's call, after it has checked the body (400 comes first).
      const agency = await loadAgency(unit.session, context.actor.agency);
      const sanctionId = randomUUID();
      const command: ImposeSanction = {
        type: 'ImposeSanction',
        data: { sanctionId, nip, ...body },
        metadata: commandMetadata(context, unit.now),
        context: { timeZone: agency.state.timeZone },
      };
      const recorded = await unit.session.append(
        streamIds.employee(nip),
        version,
        unit.toNewEvents(employeeDecider.decide(command, state)),
      );
      return { sanctionId, ...lastOf(recorded) };
    });
  }
}
