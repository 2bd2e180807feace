import { Readable } from 'node:stream';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { validationFailed } from '#domain';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../../http/openapi.js';
import { AuditLog } from '../audit-log.js';
import { AuditEventsResponse } from '../stream-history/stream-history.response.dto.js';
import { EventExportQuery, JSON_PAGE_MAX } from './event-export.request.dto.js';

const NDJSON = /application\/(x-)?ndjson/;

@ApiTags('audit')
@ApiAuthenticated()
@Controller('api/audit/events')
export class EventExportController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('auditor')
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiAnswer(
    200,
    AuditEventsResponse,
    "The agency's events in commit order after the event at `after` (resolved to its commit position: not a `>` on positions), " +
      'as stored. With `Accept: application/x-ndjson`, streamed one AuditEventResponse per line (an export: no limit unless given)',
  )
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed after or limit, or a JSON page over its limit')
  @ApiErrorAnswer(404, 'NOT_FOUND: `after` is not the position of an event of your agency')
  async events(
    @Query() query: EventExportQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const accept = request.headers.accept ?? '';
    const ndjson = NDJSON.test(accept);
    if (!ndjson && (query.limit ?? 0) > JSON_PAGE_MAX) {
      throw validationFailed(
        'AUDIT.LIMIT_TOO_LARGE',
        'limit',
        `limit must be at most ${JSON_PAGE_MAX} for a JSON page; ask for application/x-ndjson to export more`,
      );
    }
    const cursor = await this.audit.cursorAfter(query.after, actor);
    if (!ndjson) return { events: await this.audit.eventsPage(cursor, query.limit ?? 100, actor) };
    const lines = this.audit.exportEvents(cursor, query.limit ?? Number.MAX_SAFE_INTEGER, actor);
    void reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    return Readable.from(
      (async function* () {
        for await (const event of lines) yield `${JSON.stringify(event)}\n`;
      })(),
    );
  }
}
