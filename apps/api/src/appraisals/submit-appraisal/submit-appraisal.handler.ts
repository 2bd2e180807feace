import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appraisalDecider, streamIds, type AppraisalSubmitted, type SubmitAppraisal } from '#domain';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { commandMetadata } from '../../commands/command-context.factory.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { lastOf, loadAgency, loadEmployee, uniqueKeys } from '../../commands/write-model.js';
import type { SubmitAppraisalRequest } from './submit-appraisal.request.dto.js';

export class SubmitAppraisalCommand {
  constructor(
    readonly context: CommandContext,
    readonly body: SubmitAppraisalRequest,
  ) {}
}

@CommandHandler(SubmitAppraisalCommand)
export class SubmitAppraisalHandler implements ICommandHandler<SubmitAppraisalCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, body }: SubmitAppraisalCommand): Promise<CommandResult> {
    return this.executor.execute(context, 201, async (unit) => {
      const appraisalId = randomUUID();
      const employee = await loadEmployee(unit.session, body.nip);
      const agency = await loadAgency(unit.session, context.actor.agency);
      const command: SubmitAppraisal = {
        type: 'SubmitAppraisal',
        data: {
          appraisalId,
          nip: body.nip,
          period: body.period,
          results: body.results,
          behaviour: body.behaviour,
          notes: body.notes ?? null,
        },
        metadata: commandMetadata(context, unit.now),
        context: { employee: employee.state, timeZone: agency.state.timeZone },
      };
      const events = appraisalDecider.decide(command, appraisalDecider.initialState());
      const streamId = streamIds.appraisal(appraisalId);
      const recorded = await unit.session.append(streamId, 0, unit.toNewEvents(events));
      await unit.session.claimKeys(streamId, [
        { key: uniqueKeys.appraisal(body.nip, body.period), message: `Employee ${body.nip} already has an appraisal for ${body.period}` },
      ]);
      const predicate = (events[0] as AppraisalSubmitted).data.predicate;
      return { appraisalId, predicate, ...lastOf(recorded) };
    });
  }
}
