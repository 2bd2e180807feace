import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DOMAIN_ERROR_CODES } from '../libs/domain/src/errors.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, nip, seedEligible, uploadDocument } from './http-support.js';

const SERIES = 7;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const AUDITOR = nip(SERIES, 4);
const ERROR_REF = '#/components/schemas/ErrorResponse';
const COMMAND_METHODS = ['post', 'put', 'delete'];

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Response {
  content?: Record<string, { schema?: Schema }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  parameters?: Parameter[];
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

describe('OpenAPI: response classes, errors and headers', () => {
  let t: TestApp;
  let doc: Document;

  const operations = (prefix: string) =>
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith(prefix))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, method, op })),
      );
  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf)
      return schema.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {});
    return schema;
  };
  const successOf = (op: Operation) => Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status));
  /** The schema the route's 2xx answer names, followed through `$ref`s. */
  const answer = (method: string, path: string): Schema => {
    const success = successOf(doc.paths[path][method]);
    return resolve(success?.[1].content?.['application/json']?.schema);
  };
  const fields = (schema: Schema) => Object.keys(resolve(schema).properties ?? {});
  const nested = (schema: Schema, field: string): Schema => {
    const property = resolve(resolve(schema).properties?.[field]);
    return property.type === 'array' ? resolve(property.items) : property;
  };
  /** Every key of a real answer is documented, nested objects and array items included. */
  const expectDocumented = (body: unknown, schema: Schema, where: string): void => {
    if (Array.isArray(body)) {
      body.forEach((item, i) => expectDocumented(item, resolve(schema.items), `${where}[${i}]`));
      return;
    }
    if (body === null || typeof body !== 'object') return;
    const resolved = resolve(schema);
    if (!resolved.properties) return; // a free-form object (event data, echoed filters)
    for (const [key, value] of Object.entries(body)) {
      expect([where, key, key in resolved.properties]).toEqual([where, key, true]);
      expectDocumented(value, resolved.properties[key], `${where}.${key}`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body as Document;
  });
  afterAll(async () => {
    await t.close();
  });

  test('every /api operation answers 2xx with a $ref schema, not just an example', () => {
    const ops = operations('/api/');
    expect(ops.length).toBeGreaterThan(20);
    const bare = ops
      .filter(({ op }) => {
        const content = successOf(op)?.[1].content ?? {};
        // A file download answers bytes: every content type it declares is binary.
        const binary = Object.keys(content).length > 0 && Object.values(content).every((c) => c.schema?.format === 'binary');
        const schema = content['application/json']?.schema;
        return !binary && !schema?.$ref && !schema?.items?.$ref;
      })
      .map(({ route }) => route);
    expect(bare).toEqual([]);
  });

  test('every /api operation documents 401 and 429, and every error it documents uses the error schema', () => {
    const missing = operations('/api/').flatMap(({ route, op }) =>
      ['401', '429']
        .filter((status) => op.responses[status]?.content?.['application/json']?.schema?.$ref !== ERROR_REF)
        .map((s) => `${route} ${s}`),
    );
    expect(missing).toEqual([]);
    const untyped = operations('/api/').flatMap(({ route, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^4\d\d$/.test(status))
        .filter(([, response]) => response.content?.['application/json']?.schema?.$ref !== ERROR_REF)
        .map(([status]) => `${route} ${status}`),
    );
    expect(untyped).toEqual([]);
  });

  test('the error schema is the one error body, its code one of the domain error codes', () => {
    const error = resolve({ $ref: ERROR_REF });
    expect(fields(error).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
    expect([...(error.required ?? [])].sort()).toEqual(['code', 'message', 'statusCode']);
    expect(resolve(error.properties?.code).enum).toEqual([...DOMAIN_ERROR_CODES]);
  });

  test('every command (POST, PUT, DELETE) takes an optional Idempotency-Key header', () => {
    // The preview is a read that POSTs its question: it appends nothing, so there is nothing to repeat.
    const commands = operations('/api/').filter(
      ({ method, route }) => COMMAND_METHODS.includes(method) && route !== 'POST /api/promotions/preview',
    );
    expect(commands.length).toBeGreaterThanOrEqual(11);
    const without = commands
      .filter(({ op }) => !op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && !p.required))
      .map(({ route }) => route);
    expect(without).toEqual([]);
    const queries = operations('/api/').filter(({ method }) => method === 'get');
    expect(queries.filter(({ op }) => op.parameters?.some((p) => p.name === 'Idempotency-Key')).map(({ route }) => route)).toEqual([]);
  });

  test('every route takes X-Correlation-Id and every answer echoes it', () => {
    const all = operations('/');
    expect(
      all.filter(({ op }) => !op.parameters?.some((p) => p.in === 'header' && p.name === 'X-Correlation-Id')).map(({ route }) => route),
    ).toEqual([]);
    const silent = all.flatMap(({ route, op }) =>
      Object.entries(op.responses)
        .filter(([, response]) => !response.headers?.['X-Correlation-Id'])
        .map(([status]) => `${route} ${status}`),
    );
    expect(silent).toEqual([]);
  });

  test('every /api route declares the bearer scheme, once', () => {
    const other = operations('/api/').filter(({ op }) => JSON.stringify(op.security) !== JSON.stringify([{ bearer: [] }]));
    expect(other.map(({ route, op }) => `${route} ${JSON.stringify(op.security)}`)).toEqual([]);
  });

  test('command answers name the contract’s fields, position and version included', () => {
    const expected: [string, string, string[]][] = [
      ['post', '/api/employees', ['nip']],
      ['post', '/api/employees/{nip}/sanctions', ['sanctionId']],
      ['post', '/api/appraisals', ['appraisalId', 'predicate']],
      ['post', '/api/trainings', ['trainingId']],
      ['post', '/api/promotions', ['caseId', 'eligible', 'rules', 'status', 'stage', 'dueAt']],
      ['post', '/api/promotions/{caseId}/decisions', ['caseId', 'status', 'stage']],
      ['post', '/api/promotions/{caseId}/claim', ['caseId', 'status', 'stage']],
      ['delete', '/api/promotions/{caseId}/claim', ['caseId', 'status', 'stage']],
      ['post', '/api/promotions/{caseId}/resubmission', ['caseId', 'status', 'stage']],
      ['post', '/api/promotions/{caseId}/withdrawal', ['caseId', 'status', 'stage']],
      ['post', '/api/promotions/{caseId}/documents', ['documentId', 'type', 'sha256', 'size']],
      ['put', '/api/agencies/{agencyId}', ['agencyId', 'name', 'timeZone', 'holidays', 'stages', 'configVersion']],
    ];
    for (const [method, path, names] of expected) {
      const schema = answer(method, path);
      expect([method, path, fields(schema)]).toEqual([method, path, expect.arrayContaining([...names, 'position', 'version'])]);
      expect([method, path, schema.required]).toEqual([method, path, expect.arrayContaining(['position', 'version'])]);
    }
    const rule = nested(answer('post', '/api/promotions'), 'rules');
    expect(fields(rule)).toEqual(expect.arrayContaining(['rule', 'passed', 'detail']));
    expect(resolve(answer('post', '/api/promotions/{caseId}/decisions').properties?.status).enum).toEqual(
      expect.arrayContaining(['IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
    );
  });

  test('query answers name the contract’s fields', () => {
    const caseView = answer('get', '/api/promotions/{caseId}');
    expect(fields(caseView)).toEqual(
      expect.arrayContaining([
        'caseId',
        'nip',
        'kind',
        'fromGrade',
        'toGrade',
        'status',
        'stage',
        'version',
        'eligible',
        'rules',
        'stages',
      ]),
    );
    expect(fields(nested(caseView, 'stages'))).toEqual(
      expect.arrayContaining(['stage', 'enteredAt', 'dueAt', 'leftAt', 'decidedBy', 'decision', 'breached', 'slaState']),
    );
    const asOf = answer('get', '/api/audit/promotions/{caseId}/state');
    expect(fields(asOf)).toEqual(expect.arrayContaining([...fields(caseView), 'asOf']));

    const career = answer('get', '/api/employees/{nip}/career');
    expect(fields(career)).toEqual(
      expect.arrayContaining(['nip', 'name', 'unitId', 'grade', 'gradeSince', 'pendingGrade', 'appraisals', 'trainings', 'promotions']),
    );
    expect(fields(nested(career, 'pendingGrade'))).toEqual(expect.arrayContaining(['grade', 'effectiveDate']));
    expect(fields(nested(career, 'appraisals'))).toEqual(expect.arrayContaining(['appraisalId', 'period', 'predicate']));
    expect(fields(nested(career, 'trainings'))).toEqual(expect.arrayContaining(['trainingId', 'title', 'hours', 'kind', 'completedOn']));
    expect(fields(nested(career, 'promotions'))).toEqual(expect.arrayContaining(['caseId', 'kind', 'status', 'stage', 'dueAt', 'heldBy']));

    const queue = nested(answer('get', '/api/queues/mine'), 'items');
    expect(fields(queue)).toEqual(
      expect.arrayContaining([
        'caseId',
        'nip',
        'name',
        'kind',
        'fromGrade',
        'toGrade',
        'stage',
        'enteredStageAt',
        'dueAt',
        'slaState',
        'claimedBy',
      ]),
    );
    expect(resolve(resolve(queue).properties?.slaState).enum).toEqual(['ON_TRACK', 'AT_RISK', 'BREACHED']);
  });

  test('audit and dashboard answers name the contract’s fields', () => {
    const event = nested(answer('get', '/api/audit/streams/{streamId}'), 'events');
    expect(fields(event)).toEqual(
      expect.arrayContaining(['globalPosition', 'streamId', 'version', 'type', 'schemaVersion', 'data', 'metadata', 'recordedAt', 'hash']),
    );
    expect(fields(nested(event, 'metadata'))).toEqual(
      expect.arrayContaining(['actor', 'agency', 'correlationId', 'causationId', 'occurredAt']),
    );
    expect(fields(nested(answer('get', '/api/audit/events'), 'events'))).toEqual(fields(event));
    expect(fields(answer('get', '/api/audit/verify'))).toEqual(
      expect.arrayContaining(['ok', 'checkedEvents', 'firstInvalidPosition', 'kind', 'reason']),
    );
    expect(fields(answer('get', '/api/audit/checkpoints/latest'))).toEqual(
      expect.arrayContaining(['treeSize', 'rootHash', 'signedAt', 'signature', 'publicKey']),
    );
    expect(fields(answer('get', '/api/audit/proofs/inclusion'))).toEqual(
      expect.arrayContaining(['leafIndex', 'treeSize', 'leafHash', 'auditPath']),
    );
    expect(fields(answer('get', '/api/audit/proofs/consistency'))).toEqual(expect.arrayContaining(['from', 'to', 'proof']));
    expect(fields(nested(answer('get', '/api/dashboards/sla'), 'items'))).toEqual(
      expect.arrayContaining([
        'stage',
        'open',
        'onTrack',
        'atRisk',
        'breached',
        'completed',
        'completedWithinSla',
        'compliance',
        'medianHours',
        'p90Hours',
      ]),
    );
    expect(fields(nested(answer('get', '/api/dashboards/training'), 'items'))).toEqual(
      expect.arrayContaining(['unitId', 'employees', 'shareMeetingTarget', 'meanHours']),
    );
    expect(fields(nested(answer('get', '/api/dashboards/appraisals'), 'items'))).toEqual(expect.arrayContaining(['unitId', 'counts']));
  });

  test('real answers carry no field their response class leaves out', async () => {
    const hr = await t.token(HR, ['hr']);
    const evaluator = await t.token(EVALUATOR, ['evaluator']);
    const verifier = await t.token(VERIFIER, ['verifier']);
    const auditor = await t.token(AUDITOR, ['auditor']);
    const candidate = nip(SERIES, 100);
    await seedEligible(t.http, { hr, evaluator }, candidate);
    const proposal = await t.http.post('/api/promotions').set(bearer(hr)).send({
      nip: candidate,
      kind: 'REGULAR',
      toGrade: 'III/c',
      effectiveDate: '2026-04-01',
      justification: 'Five years in III/b, BAIK appraisals in 2024 and 2025',
    });
    expect(proposal.status).toBe(201);
    expectDocumented(proposal.body, answer('post', '/api/promotions'), 'POST /api/promotions');
    const caseId = proposal.body.caseId as string;
    const preview = await t.http
      .post('/api/promotions/preview')
      .set(bearer(hr))
      .send({ nip: candidate, kind: 'STRUCTURAL', toGrade: 'III/c', effectiveDate: '2026-04-01' });
    expect(preview.status).toBe(200);
    expectDocumented(preview.body, answer('post', '/api/promotions/preview'), 'POST preview');
    const file = await uploadDocument(t.http, hr, caseId);
    expectDocumented(file, answer('post', '/api/promotions/{caseId}/documents'), 'POST documents');
    const claim = await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(verifier)).send({});
    expect(claim.status).toBe(200);
    expectDocumented(claim.body, answer('post', '/api/promotions/{caseId}/claim'), 'POST claim');
    const decision = await t.http
      .post(`/api/promotions/${caseId}/decisions`)
      .set(bearer(verifier))
      .send({ decision: 'APPROVE', documents: [{ documentId: file.documentId, verdict: 'OK' }] });
    expect(decision.status).toBe(200);
    expectDocumented(decision.body, answer('post', '/api/promotions/{caseId}/decisions'), 'POST decisions');
    const admin = await t.token(nip(SERIES, 6), ['admin']);
    for (const official of [nip(SERIES, 8), nip(SERIES, 9)]) {
      const registered = await t.http
        .post('/api/employees')
        .set(bearer(hr))
        .send({
          nip: official,
          name: `Pejabat ${official.slice(-3)}`,
          unitId: 'bkpsdm',
          grade: 'IV/a',
          gradeSince: '2020-01-01',
          education: 'S2',
          positionTitle: 'Kepala Bidang',
          positionType: 'ADMINISTRATOR',
          eselon: 'III.b',
        });
      expect(registered.status).toBe(201);
    }
    const granted = await t.http
      .post('/api/delegations')
      .set(bearer(admin))
      .send({
        delegateNip: nip(SERIES, 8),
        role: 'ppk',
        onBehalfOf: nip(SERIES, 9),
        from: '2026-03-01',
        until: '2026-03-31',
        reason: 'Dinas luar',
      });
    expect(granted.status).toBe(201);
    expectDocumented(granted.body, answer('post', '/api/delegations'), 'POST delegations');
    await t.settle();

    const reads: [string, string, string][] = [
      ['/api/reference', '/api/reference', hr],
      ['/api/delegations', '/api/delegations', admin],
      [`/api/promotions/${caseId}`, '/api/promotions/{caseId}', hr],
      [`/api/employees/${candidate}/career`, '/api/employees/{nip}/career', hr],
      ['/api/queues/mine', '/api/queues/mine', await t.token(nip(SERIES, 5), ['ppk'])],
      ['/api/queues/mine', '/api/queues/mine', hr],
      ['/api/agencies/pemkot-langsa', '/api/agencies/{agencyId}', admin],
      [`/api/audit/streams/promotion-${caseId}`, '/api/audit/streams/{streamId}', auditor],
      [`/api/audit/promotions/${caseId}/state`, '/api/audit/promotions/{caseId}/state', auditor],
      ['/api/audit/events?limit=5', '/api/audit/events', auditor],
      ['/api/dashboards/sla', '/api/dashboards/sla', auditor],
      ['/api/dashboards/pipeline', '/api/dashboards/pipeline', auditor],
      ['/api/dashboards/training', '/api/dashboards/training', auditor],
      ['/api/dashboards/appraisals', '/api/dashboards/appraisals', auditor],
    ];
    for (const [url, path, token] of reads) {
      const res = await t.http.get(url).set(bearer(token));
      expect([url, res.status]).toEqual([url, 200]);
      expectDocumented(res.body, answer('get', path), `GET ${url}`);
    }
    const career = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(hr));
    expect(career.body.promotions).toHaveLength(1);
    const queue = await t.http.get('/api/queues/mine').set(bearer(await t.token(nip(SERIES, 5), ['ppk'])));
    expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
  });

  test('an error answer is shaped as documented', async () => {
    const res = await t.http.get('/api/queues/mine');
    expect(res.status).toBe(401);
    expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
    expectDocumented(res.body, { $ref: ERROR_REF }, 'GET /api/queues/mine without a token');
    expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'message', 'statusCode']));
  });
});
