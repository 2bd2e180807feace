import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { conflict, employeeDecider, streamIds, type RegisterEmployee } from '#domain';
import { ConcurrencyConflictError } from '#event-store';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { commandMetadata } from '../../commands/command-context.factory.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { lastOf, loadAgency, loadEmployee } from '../../commands/write-model.js';
import type { RegisterEmployeeRequest } from './register-employee.request.dto.js';

export class RegisterEmployeeCommand {
  constructor(
    readonly context: CommandContext,
    readonly body: RegisterEmployeeRequest,
  ) {}
}

@CommandHandler(RegisterEmployeeCommand)
export class RegisterEmployeeHandler implements ICommandHandler<RegisterEmployeeCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ context, body }: RegisterEmployeeCommand): Promise<CommandResult> {
    try {
      return await this.executor.execute(context, 201, async (unit) => {
        const { state, version } = await loadEmployee(unit.session, body.nip);
        const agency = await loadAgency(unit.session, context.actor.agency);
        const command: RegisterEmployee = {
          type: 'RegisterEmployee',
          data: { ...body },
          metadata: commandMetadata(context, unit.now),
          context: { timeZone: agency.state.timeZone },
        };
        const events = employeeDecider.decide(command, state);
        const recorded = await unit.session.append(streamIds.employee(body.nip), version, unit.toNewEvents(events));
        return { nip: body.nip, ...lastOf(recorded) };
      });
    } catch (error) {
      // Two registrations of one NIP racing: the loser is a duplicate, not a stale read.
      if (error instanceof ConcurrencyConflictError)
        throw conflict('EMPLOYEE.ALREADY_REGISTERED', `Employee ${body.nip} is already registered`);
      throw error;
    }
  }
}
