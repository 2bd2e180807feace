import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { agencyDecider, streamIds, type AgencyConfigured, type ConfigureAgency } from '#domain';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { commandMetadata } from '../../commands/command-context.factory.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { lastOf, loadAgency } from '../../commands/write-model.js';
import type { ConfigureAgencyRequest } from './configure-agency.request.dto.js';

export class ConfigureAgencyCommand {
  constructor(
    readonly context: CommandContext,
    readonly agencyId: string,
    readonly body: ConfigureAgencyRequest,
  ) {}
}

/** Every PUT is a new configuration version; running cases keep the one they started under. */
@CommandHandler(ConfigureAgencyCommand)
export class ConfigureAgencyHandler implements ICommandHandler<ConfigureAgencyCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, agencyId, body }: ConfigureAgencyCommand): Promise<CommandResult> {
    return this.executor.execute(context, 200, async (unit) => {
      // Another agency (404) is the decider's call, after it has checked the body (400 comes first).
      const { state, version } = await loadAgency(unit.session, agencyId);
      const command: ConfigureAgency = {
        type: 'ConfigureAgency',
        data: { agencyId, ...JSON.parse(JSON.stringify(body)) },
        metadata: commandMetadata(context, unit.now),
      };
      const events = agencyDecider.decide(command, state);
      const recorded = await unit.session.append(streamIds.agency(agencyId), version, unit.toNewEvents(events));
      const stored = (events[0] as AgencyConfigured).data;
      return { ...stored, configVersion: recorded[recorded.length - 1].version, ...lastOf(recorded) };
    });
  }
}
