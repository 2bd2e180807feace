import type { Actor } from '#auth';

/** What every command carries besides its body: who, under which correlation id, with which retry key. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  idempotencyKey: string | null;
  /** Route template and method, e.g. `POST /api/promotions/:caseId/decisions`: the command's name in metrics. */
  name: string;
  /** Identifies the request for idempotency: method, route and body. */
  request: { method: string; route: string; body: unknown };
}

/** A command's HTTP answer: its status and body, stored as-is for idempotent replays. */
export interface CommandResult<TBody = Record<string, unknown>> {
  status: number;
  body: TBody;
}
