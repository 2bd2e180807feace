/**
 * The one place the in-process command benchmark touches the application's command code: the api
 * module initialised without a socket, and commands sent the way the controllers send them
 * (RunCommand through the CommandBus to the CommandRunner). The benchmark only sees `CommandPath`.
 */
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import {
  RunCommand,
  recordTraining,
  registerEmployee,
  type CommandContext,
  type RecordTrainingInput,
  type RegisterEmployeeInput,
} from '#application';
import type { Actor } from '#auth';
import { startBenchApp } from './app.js';

export interface CommandPath {
  registerEmployee(actor: Actor, body: Record<string, unknown>): Promise<void>;
  recordTraining(actor: Actor, body: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

function contextFor(actor: Actor, route: string, body: unknown): CommandContext {
  return { actor, correlationId: randomUUID(), idempotencyKey: null, name: `POST ${route}`, request: { method: 'POST', route, body } };
}

export async function openCommandPath(databaseUrl: string): Promise<CommandPath> {
  const app = await startBenchApp(databaseUrl, [], { listen: false });
  const bus = app.app.get(CommandBus);
  return {
    registerEmployee: async (actor, body) => {
      await bus.execute(
        new RunCommand(registerEmployee, body as unknown as RegisterEmployeeInput, contextFor(actor, '/api/employees', body)),
      );
    },
    recordTraining: async (actor, body) => {
      await bus.execute(new RunCommand(recordTraining, body as unknown as RecordTrainingInput, contextFor(actor, '/api/trainings', body)));
    },
    close: () => app.close(),
  };
}
