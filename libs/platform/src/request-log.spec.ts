import { describe, expect, test } from '@jest/globals';
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { createRootLogger } from './json-logger.js';
import { loggableUrl, OneLinePerRequest } from './request-log.js';

async function logsOf(request: { url: string; headers?: Record<string, string> }): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({ loggerInstance: createRootLogger('info', sink), logController: new OneLinePerRequest() });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', async () => {
    throw Object.assign(new Error('nope'), { statusCode: 409 });
  });
  app.get('/broken', async () => {
    throw new Error('bug');
  });
  // A real socket: fastify's inject pulls in a module jest cannot load.
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  await (await fetch(`${address}${request.url}`, { headers: request.headers })).text();
  await app.close();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => 'correlationId' in line);
}

describe('OneLinePerRequest', () => {
  test('one line per request, with the correlation id, status and time; never a header', async () => {
    const lines = await logsOf({ url: '/ok', headers: { authorization: 'Bearer secret.token.value' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'GET', url: '/ok', statusCode: 200, msg: 'request completed' });
    expect(lines[0].correlationId).toEqual(expect.any(String));
    expect(lines[0].responseTime).toEqual(expect.any(Number));
    expect(JSON.stringify(lines)).not.toContain('secret.token.value');
  });

  test('a token in the query string never reaches the log', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxOTg1In0.c2lnbmF0dXJlLXZhbHVl';
    const lines = await logsOf({ url: `/ok?access_token=opaque-secret-1&limit=5&token=opaque-secret-2&x=${jwt}` });
    expect(lines).toHaveLength(1);
    expect(lines[0].url).toBe('/ok?access_token=[redacted]&limit=5&token=[redacted]&x=[redacted]');
    expect(JSON.stringify(lines)).not.toMatch(/opaque-secret|eyJ/);
  });

  test('loggableUrl keeps ordinary URLs as they are and redacts JWT-shaped path segments', () => {
    expect(loggableUrl('/api/audit/events?after=10&limit=5')).toBe('/api/audit/events?after=10&limit=5');
    expect(loggableUrl('/api/queues/mine')).toBe('/api/queues/mine');
    expect(loggableUrl('/x/eyJa.eyJb.sig?Access_Token=abc&%74oken=def&flag')).toBe(
      '/x/[redacted]?Access_Token=[redacted]&%74oken=[redacted]&flag',
    );
  });

  test('a 4xx is one line with its status: no error object, no stack', async () => {
    const lines = await logsOf({ url: '/refused' });
    expect(lines).toEqual([expect.objectContaining({ statusCode: 409, msg: 'request completed' })]);
    expect(JSON.stringify(lines)).not.toMatch(/stack|"err"/);
  });

  test('an unmatched route is one line with its 404', async () => {
    expect(await logsOf({ url: '/nowhere' })).toEqual([expect.objectContaining({ statusCode: 404 })]);
  });

  test('a 5xx keeps its error', async () => {
    const lines = await logsOf({ url: '/broken' });
    expect(lines.find((l) => l.level === 'error')).toMatchObject({ err: expect.objectContaining({ message: 'bug' }) });
    expect(lines.filter((l) => l.msg === 'request completed')).toEqual([expect.objectContaining({ statusCode: 500 })]);
  });
});
