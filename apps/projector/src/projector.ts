import type { DataSource } from 'typeorm';
import { confirmEvents } from '#event-store';
import { TransientHandlerError, type Delivery, type Transport } from '#messaging';
import { ProjectionRebuilder, ProjectionRunner, type Projection, type RebuildProgress } from '#projections';

export interface ProjectorLogger {
  log(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/**
 * Consumes the transport into read models. On start it builds any projection that is new or
 * whose version changed, from the event store, before it subscribes. Over Kafka every batch is
 * confirmed against the event store first; what it does not hold is dead-lettered, not applied.
 */
export class Projector {
  readonly runner: ProjectionRunner;
  applied = 0;
  lastAppliedAt: Date | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: Transport,
    readonly projections: readonly Projection[],
    private readonly logger: ProjectorLogger,
    private readonly groupId: string,
    source: string,
  ) {
    // Kafka dead-letters poison events itself; in-process, the runner sets them aside after 3 tries.
    this.runner = new ProjectionRunner(dataSource, projections, source, transport.kind === 'in-process' ? 3 : 0);
  }

  async start(onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const rebuilder = new ProjectionRebuilder(this.dataSource);
    for (const projection of this.projections) {
      const built = await rebuilder.ensureCurrent(projection, onProgress);
      if (built)
        this.logger.log('projection built', { ...built, through: `${built.through.transactionId}:${built.through.globalPosition}` });
    }
    const inProcess = this.transport.kind === 'in-process';
    await this.transport.subscribe({
      groupId: this.groupId,
      resumeFrom: (partitions) => this.runner.resumeOffsets(partitions),
      // Anyone who can produce to the topic could forge an event: apply only what the store holds.
      confirm: inProcess
        ? undefined
        : (batch) =>
            confirmEvents(
              this.dataSource,
              batch.map((d) => d.event),
            ),
      handle: async (batch: Delivery[]) => {
        const applied = await this.runner
          .handle(batch.map((d) => ({ event: d.event, partition: d.partition, offset: inProcess ? null : d.offset })))
          .catch(async (error: unknown) => {
            // The read-model database being away is not the event's fault: retry, never dead-letter.
            if (!(await this.databaseAnswers()))
              throw new TransientHandlerError('the read-model database does not answer', { cause: error });
            throw error;
          });
        this.applied += applied;
        this.lastAppliedAt = new Date();
      },
    });
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
