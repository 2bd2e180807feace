import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { streamIds, trainingDecider, type RecordTraining } from '#domain';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { commandMetadata } from '../../commands/command-context.factory.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { lastOf, loadAgency, loadEmployee, uniqueKeys } from '../../commands/write-model.js';
import type { RecordTrainingRequest } from './record-training.request.dto.js';

export class RecordTrainingCommand {
  constructor(
    readonly context: CommandContext,
    readonly body: RecordTrainingRequest,
  ) {}
}

@CommandHandler(RecordTrainingCommand)
export class RecordTrainingHandler implements ICommandHandler<RecordTrainingCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, body }: RecordTrainingCommand): Promise<CommandResult> {
    return this.executor.execute(context, 201, async (unit) => {
      const trainingId = randomUUID();
      const employee = await loadEmployee(unit.session, body.nip);
      const agency = await loadAgency(unit.session, context.actor.agency);
      const command: RecordTraining = {
        type: 'RecordTraining',
        data: { trainingId, ...body },
        metadata: commandMetadata(context, unit.now),
        context: { employee: employee.state, timeZone: agency.state.timeZone },
      };
      const streamId = streamIds.training(trainingId);
      const recorded = await unit.session.append(
        streamId,
        0,
        unit.toNewEvents(trainingDecider.decide(command, trainingDecider.initialState())),
      );
      await unit.session.claimKeys(streamId, [
        {
          key: uniqueKeys.certificate(body.nip, body.certificateNo),
          message: `Certificate ${body.certificateNo} is already recorded for employee ${body.nip}`,
        },
      ]);
      return { trainingId, ...lastOf(recorded) };
    });
  }
}
