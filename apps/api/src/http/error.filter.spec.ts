import { describe, expect, test } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { DomainError } from '#domain';
import { toApiError } from './error.filter.js';

describe('the error filter maps every failure into the one channel', () => {
  test('a domain error keeps its code, and the status comes from the exhaustive table', () => {
    expect(toApiError(new DomainError('SOD_VIOLATION', 'no'))).toMatchObject({ statusCode: 403, code: 'SOD_VIOLATION', message: 'no' });
    expect(toApiError(new DomainError('NOT_ELIGIBLE', 'no'))).toMatchObject({ statusCode: 422, code: 'NOT_ELIGIBLE' });
  });

  test.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['administrator shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['connection lost', new Error('Connection terminated unexpectedly')],
    ['read model not built yet', Object.assign(new Error('relation "promotion_cases" does not exist'), { code: '42P01' })],
  ])('a database that is not there (%s) is 503 UNAVAILABLE, never a 500', (_what, error) => {
    expect(toApiError(error)).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
  });

  test('a health check that is down (terminus 503) stays a 503 with its details', () => {
    const answer = toApiError(new HttpException({ status: 'error', error: { database: { status: 'down' } } }, 503));
    expect(answer).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE', details: { status: 'error' } });
  });

  test('anything unknown is a 500 INTERNAL with a generic message', () => {
    expect(toApiError(new TypeError('x is undefined'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Internal error',
      details: undefined,
    });
  });
});
