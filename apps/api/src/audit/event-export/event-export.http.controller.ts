import { Readable } from 'node:stream';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { validationFailed } from '#domain';
import { AuditLog } from '../audit-log.js';
import { AUDIT_EVENT_EXAMPLE } from '../stream-history/stream-history.http.controller.js';
import { EventExportQuery, JSON_PAGE_MAX } from './event-export.request.dto.js';

const NDJSON = /application\/(x-)?ndjson/;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/events')
export class EventExportController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('auditor')
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOkResponse({
    description:
      "The agency's events in commit order after the event at `after` (resolved to its commit position: not a `>` on positions), " +
      'as stored. With `Accept: application/x-ndjson`, streamed one event per line (an export: no limit unless given)',
    schema: { example: { events: [AUDIT_EVENT_EXAMPLE] } },
  })
  @ApiNotFoundResponse({ description: '`after` is not the position of an event of your agency' })
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
