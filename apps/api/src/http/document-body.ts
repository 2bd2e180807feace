import type { FastifyInstance, FastifyRequest, preParsingHookHandler, RouteOptions } from 'fastify';
import { DOCUMENT_LIMITS, DOCUMENT_MEDIA_TYPES, isDocumentMediaType, sniffMediaType, type DocumentMediaType } from '#domain';
import { ApiError } from './api-error.js';

/** The one route that takes a raw body: a file of the berkas. */
const DOCUMENT_UPLOAD_ROUTE = { method: 'POST', url: '/api/promotions/:caseId/documents' } as const;

const ACCEPTED = DOCUMENT_MEDIA_TYPES.join(', ');

const isUploadRoute = (method: string, url: string | undefined) =>
  method === DOCUMENT_UPLOAD_ROUTE.method && url === DOCUMENT_UPLOAD_ROUTE.url;

/** The declared media type without parameters, lowercased (`Application/PDF; x=1` is `application/pdf`). */
function declaredType(request: FastifyRequest): string | null {
  const header = request.headers['content-type'];
  return typeof header === 'string' && header.trim() !== '' ? header.split(';')[0].trim().toLowerCase() : null;
}

const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

const emptyBody = () =>
  new ApiError('VALIDATION_FAILED', `The body is empty: send the file itself as ${ACCEPTED}`, [{ field: 'body', message: 'is empty' }]);

/**
 * Before any byte is read on the upload route: a body of another type is 415 there, whether or not
 * some parser (JSON) would take it elsewhere.
 */
const refuseOtherTypes: preParsingHookHandler = (request, _reply, payload, done) => {
  const type = declaredType(request);
  if (type !== null && isDocumentMediaType(type)) return done(null, payload);
  if (type === null && !hasBody(request)) return done(emptyBody());
  return done(
    new ApiError('UNSUPPORTED_MEDIA_TYPE', `A document must be sent as ${ACCEPTED}, not ${type ?? 'a body without Content-Type'}`),
  );
};

const FORMAT_NAMES: Record<DocumentMediaType, string> = { 'application/pdf': 'a PDF', 'image/jpeg': 'a JPEG', 'image/png': 'a PNG' };

/** The file's bytes, once they are what the header says (a text file named .pdf is not a PDF). */
function parseDocument(request: FastifyRequest, body: Buffer): Buffer {
  if (!isUploadRoute(request.method, request.routeOptions.url)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `The body must be application/json (${ACCEPTED} only for a document upload)`);
  }
  if (body.length === 0) throw emptyBody();
  const declared = declaredType(request) as DocumentMediaType;
  const actual = sniffMediaType(body);
  if (actual !== declared) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      actual === null
        ? `The file is not ${FORMAT_NAMES[declared]} (checked on its bytes): only complete PDF, JPEG and PNG files are accepted`
        : `The file is ${FORMAT_NAMES[actual]}, not ${FORMAT_NAMES[declared]} as Content-Type says`,
    );
  }
  return body;
}

/**
 * Raw bodies for the three document types, scoped to the upload route: only that route reads up to
 * 5 MiB (its own `bodyLimit`, which fastify prefers to the server's 64 KiB) and refuses other types
 * before reading; everywhere else the three types stay 415, read at most 64 KiB, and JSON keeps its limit.
 * Fastify parsers are per plugin, not per route, and Nest puts every route in one plugin: hence the hooks.
 * Call before the routes are registered (before `app.init()`).
 */
export function registerDocumentBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url !== DOCUMENT_UPLOAD_ROUTE.url || !methods.includes(DOCUMENT_UPLOAD_ROUTE.method)) return;
    route.bodyLimit = DOCUMENT_LIMITS.maxBytes;
    const own = route.preParsing === undefined ? [] : Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing];
    route.preParsing = [refuseOtherTypes, ...own];
  });
  fastify.addContentTypeParser([...DOCUMENT_MEDIA_TYPES], { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseDocument(request, body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
