/**
 * The one place the in-process command benchmark touches the application's command code: the api
 * module initialised without a socket, and commands sent the way the controllers send them
 * (through the CommandBus to the handler and the CommandExecutor's transaction). When the command
 * path changes shape, repoint these functions; the benchmark only sees `CommandPath`.
 */
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor } from '#auth';
import type { CommandContext } from '../apps/api/src/commands/command-context.js';
import { RegisterEmployeeCommand } from '../apps/api/src/employees/register-employee/register-employee.handler.js';
import type { RegisterEmployeeRequest } from '../apps/api/src/employees/register-employee/register-employee.request.dto.js';
import { RecordTrainingCommand } from '../apps/api/src/trainings/record-training/record-training.handler.js';
import type { RecordTrainingRequest } from '../apps/api/src/trainings/record-training/record-training.request.dto.js';
import { startBenchApp } from './app.js';

export interface CommandPath {
  registerEmployee(actor: Actor, body: Record<string, unknown>): Promise<void>;
  recordTraining(actor: Actor, body: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

function contextFor(actor: Actor, route: string, body: unknown): CommandContext {
  return {
    actor,
    correlationId: randomUUID(),
    idempotencyKey: null,
    name: `POST ${route}`,
    request: { method: 'POST', route, body },
  };
}

export async function openCommandPath(databaseUrl: string): Promise<CommandPath> {
  const app = await startBenchApp(databaseUrl, [], { listen: false });
  const bus = app.app.get(CommandBus);
  const send = async (command: object, expected: number) => {
    const result = (await bus.execute(command)) as { status: number; body: unknown };
    if (result.status !== expected) throw new Error(`command answered ${result.status}: ${JSON.stringify(result.body)}`);
  };
  return {
    registerEmployee: (actor, body) =>
      send(new RegisterEmployeeCommand(contextFor(actor, '/api/employees', body), body as unknown as RegisterEmployeeRequest), 201),
    recordTraining: (actor, body) =>
      send(new RecordTrainingCommand(contextFor(actor, '/api/trainings', body), body as unknown as RecordTrainingRequest), 201),
    close: () => app.close(),
  };
}
