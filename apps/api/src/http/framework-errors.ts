import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError, STATUS_BY_CODE, type ApiErrorBody } from './api-error.js';
import { toApiError } from './error.filter.js';

/**
 * The answers fastify and node:http give before any hook or filter runs, in the API's error body:
 * the router's (a malformed URL, an over-long path parameter) and the HTTP parser's (headers or a
 * request line over node's limit, a method it does not know, a timeout, bytes that are not HTTP).
 */

/** `frameworkErrors`: fastify hands over the router's refusal; answered as the filter would, with the usual headers. */
export function frameworkErrors(headers: readonly [string, string][]) {
  return (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    const body = toApiError(error);
    if (body.details === undefined) delete body.details;
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    void reply
      .status(body.statusCode)
      .header('x-correlation-id', request.id)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  };
}

// node counts the request line with the headers (16 KiB in all): an overflow whose request line
// alone is past half of that is the URI's doing.
const LONG_REQUEST_LINE = /^[A-Za-z]+ [^\r\n]{8192}/;

/** What a parser-level failure answers, or null when there is nobody to answer (the peer reset). */
export function clientErrorAnswer(error: { code?: string; rawPacket?: unknown }): ApiErrorBody | null {
  const refuse = (e: ApiError): ApiErrorBody => ({ statusCode: STATUS_BY_CODE[e.code], code: e.code, message: e.message });
  switch (error.code) {
    case 'ECONNRESET':
      return null;
    case 'HPE_HEADER_OVERFLOW':
      return LONG_REQUEST_LINE.test(Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '')
        ? refuse(new ApiError('URI_TOO_LONG', 'The request line is longer than the server accepts (16 KiB with the headers)'))
        : refuse(new ApiError('HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts (16 KiB)'));
    case 'HPE_INVALID_METHOD':
      return refuse(new ApiError('METHOD_NOT_ALLOWED', 'The request method is not one this API knows'));
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return refuse(new ApiError('REQUEST_TIMEOUT', 'The request did not arrive in time'));
    default:
      return refuse(new ApiError('VALIDATION_FAILED', 'The request is not valid HTTP/1.1'));
  }
}

/**
 * `clientErrorHandler`: node:http found no request to hand to fastify, so the answer is written on
 * the socket by hand, and the connection closed (what follows on it cannot be trusted).
 */
export function clientErrorHandler(headers: readonly [string, string][]) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void => {
    const body = socket.destroyed ? null : clientErrorAnswer(error);
    if (body && socket.writable) {
      const json = JSON.stringify(body);
      const lines = [
        `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode] ?? ''}`,
        ...headers.map(([name, value]) => `${name}: ${value}`),
        'content-type: application/json; charset=utf-8',
        `content-length: ${Buffer.byteLength(json)}`,
        'connection: close',
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n${json}`);
    }
    socket.destroy();
  };
}
