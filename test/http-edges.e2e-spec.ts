import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';

/** The edges of the HTTP layer an attacker would probe first: client address, framework errors, caching. */

const LIMIT = 3;

/** Requests until the limit answers, each from the given X-Forwarded-For; the statuses seen. */
async function statuses(t: TestApp, forwardedFor: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await t.http.get('/api/queues/mine').set('X-Forwarded-For', forwardedFor)).status);
  return seen;
}

describe('rate limit: X-Forwarded-For counts only from a trusted proxy', () => {
  let untrusted: TestApp;
  let trusted: TestApp;

  beforeAll(async () => {
    untrusted = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    trusted = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => {
    await untrusted.close();
    await trusted.close();
  });

  test('without TRUSTED_PROXIES a forged X-Forwarded-For does not buy a fresh bucket', async () => {
    expect(await statuses(untrusted, '203.0.113.1', LIMIT)).toEqual([401, 401, 401]);
    // Another forged address is the same peer: still limited.
    const forged = await untrusted.http.get('/api/queues/mine').set('X-Forwarded-For', '203.0.113.2');
    expect([forged.status, forged.body.code]).toEqual([429, 'RATE_LIMITED']);
  });

  test('with TRUSTED_PROXIES=127.0.0.1 the header names the client, each with its own bucket', async () => {
    expect(await statuses(trusted, '198.51.100.1', LIMIT + 1)).toEqual([401, 401, 401, 429]);
    expect(await statuses(trusted, '198.51.100.2', 1)).toEqual([401]);
  });
});
