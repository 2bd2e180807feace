import { describe, expect, test } from '@jest/globals';
import { clientErrorAnswer } from './framework-errors.js';

describe("node:http's parser failures in the API's error body", () => {
  test('a timeout is 408 REQUEST_TIMEOUT, a reset connection gets no answer', () => {
    expect(clientErrorAnswer({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })).toMatchObject({ statusCode: 408, code: 'REQUEST_TIMEOUT' });
    expect(clientErrorAnswer({ code: 'ECONNRESET' })).toBeNull();
  });

  test('a header overflow is 414 when the request line is what is long, else 431', () => {
    const longLine = Buffer.from(`GET /api/x?q=${'a'.repeat(9000)}`);
    const longHeader = Buffer.from(`GET /api/x HTTP/1.1\r\nX-Big: ${'a'.repeat(9000)}`);
    expect(clientErrorAnswer({ code: 'HPE_HEADER_OVERFLOW', rawPacket: longLine })).toMatchObject({
      statusCode: 414,
      code: 'URI_TOO_LONG',
    });
    expect(clientErrorAnswer({ code: 'HPE_HEADER_OVERFLOW', rawPacket: longHeader })).toMatchObject({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
    });
    expect(clientErrorAnswer({ code: 'HPE_HEADER_OVERFLOW' })).toMatchObject({ statusCode: 431 });
  });

  test('anything else the parser refuses is a 400, never a 5xx', () => {
    for (const code of ['HPE_INVALID_HEADER_TOKEN', 'HPE_INVALID_VERSION', 'HPE_UNEXPECTED_CONTENT_LENGTH', undefined]) {
      expect(clientErrorAnswer({ code })).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });
});
