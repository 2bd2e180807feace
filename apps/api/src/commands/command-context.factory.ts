import type { FastifyRequest } from 'fastify';
import type { Actor } from '#auth';
import type { CommandContext } from '#application';

/** Who asks (from the verified token), under which correlation id, with which retry key. */
export function commandContext(request: FastifyRequest, actor: Actor, body: unknown): CommandContext {
  const key = request.headers['idempotency-key'];
  return {
    actor,
    correlationId: String(request.id),
    idempotencyKey: typeof key === 'string' ? key : null,
    name: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
    // Method, route and body identify the request an Idempotency-Key may replay.
    request: { method: request.method, route: request.url.split('?')[0], body: body ?? null },
  };
}
