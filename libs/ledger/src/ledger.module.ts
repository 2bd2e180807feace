import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { Environment } from '#config';
import { DATA_SOURCE } from '#event-store';
import { resolveLedgerKeys, type LedgerKeys } from './checkpoint.js';
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
      useFactory: (config: ConfigService<Environment, true>): LedgerKeys =>
        resolveLedgerKeys({
          signingKey: config.get('LEDGER_SIGNING_KEY', { infer: true }),
          trustedPublicKey: config.get('LEDGER_TRUSTED_PUBLIC_KEY', { infer: true }),
          dataDir: config.get('DATA_DIR', { infer: true }),
        }),
    },
    { provide: LedgerVerifier, inject: [DATA_SOURCE], useFactory: (dataSource: DataSource) => new LedgerVerifier(dataSource) },
  ],
  exports: [LEDGER_KEYS, LedgerVerifier],
})
export class LedgerModule {}

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
        if (!keys.configured && config.get('NODE_ENV', { infer: true }) === 'production') {
          logger.warn(
            'LEDGER_SIGNING_KEY is not set: checkpoints are signed with a key generated under DATA_DIR. If that directory does not ' +
              'survive a restart, neither does the key, and auditors cannot tell a new key from a forger. Set LEDGER_SIGNING_KEY ' +
              '(and LEDGER_TRUSTED_PUBLIC_KEY on the api).',
          );
        }
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
