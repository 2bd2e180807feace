import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DECORATORS,
  getSchemaPath,
} from '@nestjs/swagger';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '#domain';

/** One invalid input field of a VALIDATION_FAILED answer. */
class FieldIssueResponse {
  @ApiProperty({ example: 'nip' })
  field: string;

  @ApiProperty({ example: 'nip must be 18 digits' })
  message: string;
}

/** The one error body every endpoint answers with (docs/api.md §Errors). */
class ErrorResponse {
  @ApiProperty({ type: Number, example: 409, description: 'The HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({ enum: DOMAIN_ERROR_CODES, enumName: 'ErrorCode', example: 'CONCURRENCY_CONFLICT' })
  code: DomainErrorCode;

  @ApiProperty({ example: 'Promotion case 3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01 is at version 3, not 2' })
  message: string;

  @ApiPropertyOptional({
    description: 'VALIDATION_FAILED: one entry per invalid field; NOT_ELIGIBLE: `{ rules }`, every merit rule outcome',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(FieldIssueResponse) } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: unknown;
}

const CORRELATION_ID_HEADER = 'X-Correlation-Id';
const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Every answer, success or error, echoes the correlation id its events were recorded under (ApiRoute adds it). */
const correlationHeader = {
  [CORRELATION_ID_HEADER]: {
    description: 'The request’s correlation id (the one sent, if well-formed, else a new UUID); every event it causes records it',
    schema: { type: 'string', example: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a' },
  },
};

/**
 * The success answer of a route: its response class. Written above an `ApiOkResponse` that only
 * gave an example schema, it keeps that description and replaces the schema.
 */
export function ApiAnswer(status: 200 | 201, type: Type<unknown>, description?: string): MethodDecorator & ClassDecorator {
  const replacesSchema = { schema: undefined } as object;
  return ApiResponse({ status, type, description, ...replacesSchema });
}

/** An error answer of a route, in the one error body. Descriptions of one status add up. */
export function ApiErrorAnswer(status: number, description = ''): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, type: ErrorResponse, description });
}

/**
 * The correlation header on every answer declared so far: on a class, its own answers and those of
 * its routes (method decorators run before class decorators), whichever decorator declared them.
 */
function echoCorrelationId(): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holders: object[] = descriptor ? [descriptor.value as object] : [target, ...routesOf(target as Type<unknown>)];
    for (const holder of holders) {
      const responses = Reflect.getMetadata(DECORATORS.API_RESPONSE, holder) as Record<string, { headers?: object }> | undefined;
      if (!responses) continue;
      const echoed = Object.fromEntries(
        Object.entries(responses).map(([status, response]) => [
          status,
          { ...response, headers: { ...correlationHeader, ...response.headers } },
        ]),
      );
      Reflect.defineMetadata(DECORATORS.API_RESPONSE, echoed, holder);
    }
  };
}

function routesOf(controller: Type<unknown>): object[] {
  return Object.entries(Object.getOwnPropertyDescriptors(controller.prototype))
    .filter(([name, property]) => name !== 'constructor' && typeof property.value === 'function')
    .map(([, property]) => property.value as object);
}

/** Every route, public ones too: the optional correlation id header it takes, and the same header on every answer. */
export function ApiRoute(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    echoCorrelationId(),
    ApiExtraModels(ErrorResponse, FieldIssueResponse),
    ApiHeader({
      name: CORRELATION_ID_HEADER,
      required: false,
      description: 'Correlation id to record in the events this request causes: 1-128 of letters, digits and ._:-; echoed back',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
    }),
  );
}

/** The bearer requirement, once: a controller may still carry an `@ApiBearerAuth()` of its own. */
function bearerOnce(): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor ? (descriptor.value as object) : target;
    const security = (Reflect.getMetadata(DECORATORS.API_SECURITY, holder) ?? []) as Record<string, unknown>[];
    if (!security.some((requirement) => 'bearer' in requirement)) {
      if (descriptor && key !== undefined) ApiBearerAuth()(target, key, descriptor);
      else ApiBearerAuth()(target as () => void);
    }
  };
}

/**
 * Every route behind a token: a bearer JWT, 401 without a valid one, 403 for a role the route does
 * not allow, 429 once the client's requests of the minute are used up.
 */
export function ApiAuthenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    bearerOnce(),
    ApiErrorAnswer(401, 'UNAUTHENTICATED: no token, or an expired, badly signed or over-long one'),
    ApiErrorAnswer(403, 'FORBIDDEN: no role of the token may use this route'),
    ApiErrorAnswer(429, 'RATE_LIMITED: too many requests from this client in the last minute'),
    ApiRoute(), // last: it puts the correlation header on the answers above too
  );
}

/**
 * Every command (POST, PUT, DELETE through RunCommand), besides ApiAuthenticated on its controller:
 * the optional Idempotency-Key, a body or parameter that fails validation, a key reused.
 */
export function ApiCommand(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Retry key: a repeat with the same key, agency, actor and request answers the first response and appends nothing. ' +
        '1-200 of letters, digits and ._:-',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,200}$', example: 'b7e1c0a2-5f7d-4c1e-9a3b-2d4f6e8a0c1b' },
    }),
    ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed body, parameter or Idempotency-Key; `details` lists each field'),
    ApiErrorAnswer(422, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with a different request'),
  );
}

/** What every command answer carries (docs/api.md §Errors, last paragraph). */
export class CommandPosition {
  @ApiProperty({ type: Number, example: 131, description: 'Global position of the last event the command appended' })
  position: number;

  @ApiProperty({ type: Number, example: 2, description: 'The stream’s version after the command (its first event is version 1)' })
  version: number;
}
