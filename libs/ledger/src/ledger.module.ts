import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { ConfigurationError, type Environment } from '#config';
import { DATA_SOURCE } from '#event-store';
import { missingProductionLedgerKey, resolveLedgerKeys, type LedgerKeys } from './checkpoint.js';
import { LedgerSequencer } from './sequencer.js';
import { LedgerVerifier } from './verifier.js';

/** The signing key and the trusted public key, resolved once per process. */
export const LEDGER_KEYS = Symbol('LEDGER_KEYS');

/** Reading and verifying the ledger (the api). Needs PlatformModule (config, database). */
@Module({
  providers: [
    {
      provide: LEDGER_KEYS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): LedgerKeys => {
        const settings = {
          nodeEnv: config.get('NODE_ENV', { infer: true }),
          signingKey: config.get('LEDGER_SIGNING_KEY', { infer: true }),
          trustedPublicKey: config.get('LEDGER_TRUSTED_PUBLIC_KEY', { infer: true }),
          dataDir: config.get('DATA_DIR', { infer: true }),
        };
        refuseWithout(missingProductionLedgerKey(settings, 'verifies'));
        return resolveLedgerKeys(settings);
      },
    },
    { provide: LedgerVerifier, inject: [DATA_SOURCE], useFactory: (dataSource: DataSource) => new LedgerVerifier(dataSource) },
  ],
  exports: [LEDGER_KEYS, LedgerVerifier],
})
export class LedgerModule {}

/** A process that would run on a generated key in production does not start. */
function refuseWithout(problem: string | null): void {
  if (problem) throw new ConfigurationError(`Invalid configuration:\n  ${problem}`);
}

@Injectable()
class LedgerSequencerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(LedgerSequencer) private readonly sequencer: LedgerSequencer) {}

  onApplicationBootstrap(): void {
    this.sequencer.start();
  }

  /** Before the database closes: the batch in flight commits, then the lock is let go. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.sequencer.stop();
  }
}

/** The ledger's single writer, run beside the relay (one active per database, advisory lock). */
@Module({
  imports: [LedgerModule],
  providers: [
    {
      provide: LedgerSequencer,
      inject: [DATA_SOURCE, LEDGER_KEYS, ConfigService],
      useFactory: (dataSource: DataSource, keys: LedgerKeys, config: ConfigService<Environment, true>) => {
        const logger = new Logger('Ledger');
        refuseWithout(
          missingProductionLedgerKey(
            { nodeEnv: config.get('NODE_ENV', { infer: true }), signingKey: config.get('LEDGER_SIGNING_KEY', { infer: true }) },
            'signs',
          ),
        );
        return new LedgerSequencer(
          dataSource,
          keys.signer,
          {
            batchSize: 20_000,
            pollMs: config.get('RELAY_POLL_MS', { infer: true }),
            standbyRetryMs: 1000,
            checkpointEveryEvents: config.get('LEDGER_CHECKPOINT_EVERY_EVENTS', { infer: true }),
            checkpointEverySeconds: config.get('LEDGER_CHECKPOINT_EVERY_SECONDS', { infer: true }),
          },
          { log: (m, c) => logger.log({ ...c }, m), error: (m, c) => logger.error({ ...c }, m) },
        );
      },
    },
    LedgerSequencerLifecycle,
  ],
  exports: [LedgerSequencer],
})
export class LedgerSequencerModule {}
