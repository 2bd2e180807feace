import type { FastifyRequest } from 'fastify';
import type { Actor } from '#auth';
import type { CommandMetadata } from '#domain';
import type { CommandContext } from './command-context.js';

export function commandContext(request: FastifyRequest, actor: Actor, body: unknown): CommandContext {
  const key = request.headers['idempotency-key'];
  return {
    actor,
    correlationId: String(request.id),
    idempotencyKey: typeof key === 'string' ? key : null,
    name: `${request.method} ${request.routeOptions?.url ?? request.url.split('?')[0]}`,
    request: { method: request.method, route: request.url.split('?')[0], body: body ?? null },
  };
}

export function commandMetadata(context: CommandContext, now: string): CommandMetadata {
  return { actor: context.actor.nip, roles: context.actor.roles, agency: context.actor.agency, now };
}

/** Executes a command through the bus and answers with its stored status and body. */
export async function dispatch(
  bus: { execute(command: object): Promise<unknown> },
  reply: { status(code: number): unknown },
  command: object,
): Promise<Record<string, unknown>> {
  const result = (await bus.execute(command)) as { status: number; body: Record<string, unknown> };
  reply.status(result.status);
  return result.body;
}
