import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { AuthGuard, DELEGATED_ROLES, JwtService, resolveJwtSecret } from '#auth';
import type { Environment } from '#config';
import { DATA_SOURCE, DOCUMENT_STORAGE, PostgresDocumentStorage } from '#event-store';
import { LedgerModule } from '#ledger';
import { AuditLog } from './audit/audit-log.js';
import { CaseStateAsOfController } from './audit/case-state-as-of/case-state-as-of.http.controller.js';
import { EventExportController } from './audit/event-export/event-export.http.controller.js';
import { LedgerProofsController } from './audit/ledger-proofs/ledger-proofs.http.controller.js';
import { StreamHistoryController } from './audit/stream-history/stream-history.http.controller.js';
import { VerifyLogController } from './audit/verify-log/verify-log.http.controller.js';
import { CommandsModule } from '#application';
import { AgencyController } from './agencies/configure-agency/configure-agency.http.controller.js';
import { UnitRatingController } from './agencies/record-unit-rating/record-unit-rating.http.controller.js';
import { SubmitAppraisalController } from './appraisals/submit-appraisal/submit-appraisal.http.controller.js';
import { ImposeSanctionController } from './employees/impose-sanction/impose-sanction.http.controller.js';
import { ClaimPromotionController } from './promotions/claim-promotion/claim-promotion.http.controller.js';
import { DecidePromotionController } from './promotions/decide-promotion/decide-promotion.http.controller.js';
import { ProposePromotionController } from './promotions/propose-promotion/propose-promotion.http.controller.js';
import { UploadDocumentController } from './promotions/upload-document/upload-document.http.controller.js';
import { DownloadDocumentController } from './promotions/download-document/download-document.http.controller.js';
import { ProposerActionsController } from './promotions/resubmit-promotion/resubmit-promotion.http.controller.js';
import { QueriesController } from './queries/queries.http.controller.js';
import { ReadModels } from './queries/read-models.js';
import { RecordTrainingController } from './trainings/record-training/record-training.http.controller.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { DashboardsController } from './dashboards/dashboards.http.controller.js';
import { DashboardQueries } from './dashboards/dashboard-queries.js';
import { ConsoleController } from './console/console.http.controller.js';
import { DevSignInController } from './dev/dev-sign-in.http.controller.js';
import { RecordEducationController } from './employees/record-education/record-education.http.controller.js';
import { ChangePostController } from './employees/change-post/change-post.http.controller.js';
import { TransferEmployeeController } from './employees/transfer-employee/transfer-employee.http.controller.js';
import { StateCreditPointsController } from './employees/state-credit-points/state-credit-points.http.controller.js';
import { RecordServiceExamController } from './employees/record-service-exam/record-service-exam.http.controller.js';
import { AnnulSanctionController } from './employees/annul-sanction/annul-sanction.http.controller.js';
import { OpenExaminationController } from './employees/open-examination/open-examination.http.controller.js';
import { CloseExaminationController } from './employees/close-examination/close-examination.http.controller.js';
import { RegisterEmployeeController } from './employees/register-employee/register-employee.http.controller.js';
import { DelegationsController } from './delegations/delegations.http.controller.js';
import { Delegations } from './delegations/delegations.read.js';
import { ReferenceController } from './reference/reference.http.controller.js';
import { SearchController } from './search/search.http.controller.js';
import { ConflictOfInterestController } from './promotions/conflict-of-interest/conflict-of-interest.http.controller.js';

/** HTTP commands and queries. Needs PlatformModule (database, transport, clock) in the same process. */
@Module({
  imports: [CqrsModule.forRoot(), CommandsModule, TerminusModule.forRoot({ logger: false }), LedgerModule],
  controllers: [
    HealthController,
    RegisterEmployeeController,
    ImposeSanctionController,
    RecordEducationController,
    ChangePostController,
    TransferEmployeeController,
    StateCreditPointsController,
    RecordServiceExamController,
    AnnulSanctionController,
    OpenExaminationController,
    CloseExaminationController,
    SubmitAppraisalController,
    RecordTrainingController,
    AgencyController,
    UnitRatingController,
    ProposePromotionController,
    DecidePromotionController,
    ClaimPromotionController,
    ConflictOfInterestController,
    ProposerActionsController,
    DelegationsController,
    ReferenceController,
    SearchController,
    UploadDocumentController,
    DownloadDocumentController,
    QueriesController,
    StreamHistoryController,
    CaseStateAsOfController,
    EventExportController,
    LedgerProofsController,
    VerifyLogController,
    DashboardsController,
    ConsoleController,
    DevSignInController,
  ],
  providers: [
    {
      provide: JwtService,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        new JwtService({
          secret: resolveJwtSecret(config.get('JWT_SECRET', { infer: true }), config.get('DATA_DIR', { infer: true })),
          issuer: config.get('JWT_ISSUER', { infer: true }),
          audience: config.get('JWT_AUDIENCE', { infer: true }),
        }),
    },
    Delegations,
    { provide: DELEGATED_ROLES, useExisting: Delegations },
    { provide: APP_GUARD, useClass: AuthGuard },
    // Document bytes by content; an S3-compatible store can replace this provider.
    { provide: DOCUMENT_STORAGE, inject: [DATA_SOURCE], useFactory: (db: DataSource) => new PostgresDocumentStorage(db) },
    Readiness,
    ReadModels,
    AuditLog,
    DashboardQueries,
  ],
  exports: [JwtService],
})
export class ApiModule {}
