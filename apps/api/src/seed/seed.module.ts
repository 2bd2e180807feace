import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import { DATA_SOURCE, EventStore } from '#event-store';
import { Metrics } from '#platform';
import { ConfigureAgencyHandler } from '../agencies/configure-agency/configure-agency.handler.js';
import { SubmitAppraisalHandler } from '../appraisals/submit-appraisal/submit-appraisal.handler.js';
import { CommandExecutor } from '../commands/command-executor.js';
import { ImposeSanctionHandler } from '../employees/impose-sanction/impose-sanction.handler.js';
import { RegisterEmployeeHandler } from '../employees/register-employee/register-employee.handler.js';
import { ClaimPromotionHandler, ReleaseClaimHandler } from '../promotions/claim-promotion/claim-promotion.handler.js';
import { DecidePromotionHandler } from '../promotions/decide-promotion/decide-promotion.handler.js';
import { ProposePromotionHandler } from '../promotions/propose-promotion/propose-promotion.handler.js';
import { ResubmitPromotionHandler } from '../promotions/resubmit-promotion/resubmit-promotion.handler.js';
import { WithdrawPromotionHandler } from '../promotions/withdraw-promotion/withdraw-promotion.handler.js';
import { RecordTrainingHandler } from '../trainings/record-training/record-training.handler.js';

/**
 * The api's write side without HTTP: CommandBus, the command handlers and the executor, on a
 * given DataSource and clock. The seed runs its commands through it, exactly as the controllers
 * do; it starts no database, transport, relay or projector of its own.
 */
@Module({})
export class SeedModule {
  static forRoot(options: { dataSource: DataSource; clock: Clock }): DynamicModule {
    return {
      module: SeedModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: DATA_SOURCE, useValue: options.dataSource },
        { provide: EventStore, useValue: new EventStore(options.dataSource) },
        { provide: CLOCK, useValue: options.clock },
        // Command metrics of the seed stay in its own registry, out of the server's /metrics.
        { provide: Metrics, useValue: new Metrics() },
        CommandExecutor,
        ConfigureAgencyHandler,
        RegisterEmployeeHandler,
        ImposeSanctionHandler,
        SubmitAppraisalHandler,
        RecordTrainingHandler,
        ProposePromotionHandler,
        DecidePromotionHandler,
        ClaimPromotionHandler,
        ReleaseClaimHandler,
        ResubmitPromotionHandler,
        WithdrawPromotionHandler,
      ],
    };
  }
}
