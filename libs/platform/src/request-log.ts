import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

// Query parameters that carry credentials by convention; the API never reads them, a client may still send them.
const SECRET_PARAM = /^(access_token|id_token|refresh_token|token|jwt|api_?key|key|secret|password|auth|authorization|code)$/i;
const JWT_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** The URL as it may be logged: credential-looking query values and anything shaped like a JWT replaced. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at < 0 ? url : url.slice(0, at)).replace(JWT_LIKE, '[redacted]');
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      let name = eq < 0 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // a malformed escape: judged as written
      }
      return eq >= 0 && SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=[redacted]` : pair.replace(JWT_LIKE, '[redacted]');
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * Fastify's per-request logging cut to one line per request, written when the response ends:
 * method, url, status and time under the request's correlation id. No line on arrival, and no
 * error object or stack for a 4xx (the status says it; the error filter answers those). Only a
 * 5xx or a broken response stream carries the error. Headers are never logged, and the URL goes
through loggableUrl, so no token is, even one sent in the query string.
 */
export class OneLinePerRequest extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'correlationId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: loggableUrl(request.url), statusCode: reply.statusCode, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ err: error }, error.message);
  }

  override routeNotFound(): void {}
}
