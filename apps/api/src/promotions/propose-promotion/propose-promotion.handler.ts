import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { promotionDecider, streamIds, type PromotionProposed, type ProposePromotion } from '#domain';
import type { CommandContext, CommandResult } from '../../commands/command-context.js';
import { commandMetadata } from '../../commands/command-context.factory.js';
import { CommandExecutor } from '../../commands/command-executor.js';
import { lastOf, loadAgency, loadEmployee, loadMeritFacts, openCaseOf, uniqueKeys } from '../../commands/write-model.js';
import type { ProposePromotionRequest } from './propose-promotion.request.dto.js';

export class ProposePromotionCommand {
  constructor(
    readonly context: CommandContext,
    readonly body: ProposePromotionRequest,
  ) {}
}

@CommandHandler(ProposePromotionCommand)
export class ProposePromotionHandler implements ICommandHandler<ProposePromotionCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ context, body }: ProposePromotionCommand): Promise<CommandResult> {
    return this.executor.execute(context, 201, async (unit) => {
      const caseId = randomUUID();
      const employee = await loadEmployee(unit.session, body.nip);
      const agency = await loadAgency(unit.session, context.actor.agency);
      const facts = await loadMeritFacts(unit.session, body.nip);
      const command: ProposePromotion = {
        type: 'ProposePromotion',
        data: { caseId, ...body, exceptionJustification: body.exceptionJustification ?? null },
        metadata: commandMetadata(context, unit.now),
        context: { employee: employee.state, agency: agency.state, ...facts, openCaseId: await openCaseOf(unit.session, body.nip) },
      };
      const events = promotionDecider.decide(command, promotionDecider.initialState());
      const streamId = streamIds.promotion(caseId);
      const recorded = await unit.session.append(streamId, 0, unit.toNewEvents(events));
      await unit.session.claimKeys(streamId, [
        { key: uniqueKeys.openCase(body.nip), message: `Employee ${body.nip} already has an open promotion case` },
      ]);
      const proposed = (events[0] as PromotionProposed).data;
      return {
        caseId,
        eligible: proposed.eligible,
        exception: proposed.exception,
        rules: proposed.rules,
        policyVersion: proposed.policyVersion,
        status: 'IN_PROGRESS',
        stage: proposed.stage,
        dueAt: proposed.dueAt,
        ...lastOf(recorded),
      };
    });
  }
}
