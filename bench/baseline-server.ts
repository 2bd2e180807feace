/**
 * The ceiling the HTTP rows are compared with: a bare fastify + pg server, no auth, no validation,
 * no framework around the route, started by the bench as a child process (PORT, DATABASE_URL).
 *
 * - `POST /baseline/trainings`: one INSERT of the JSON body into a table with a jsonb column.
 * - `GET /baseline/records/:key`: one SELECT by primary key, answering the row's jsonb.
 * - `GET /baseline/health`: readiness, no query.
 *
 * The pool is the api's default size (DATABASE_POOL_SIZE, 10).
 */
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? 4100);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'bench-baseline-server',
});

await pool.query(`
  CREATE TABLE IF NOT EXISTS baseline_trainings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
  )`);
await pool.query(`CREATE TABLE IF NOT EXISTS baseline_records (key text PRIMARY KEY, body jsonb NOT NULL)`);

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

app.get('/baseline/health', async () => ({ status: 'ok' }));

app.post('/baseline/trainings', async (request, reply) => {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO baseline_trainings (body) VALUES ($1) RETURNING id`, [
    JSON.stringify(request.body),
  ]);
  reply.status(201);
  return { id: rows[0].id };
});

app.get<{ Params: { key: string } }>('/baseline/records/:key', async (request, reply) => {
  const { rows } = await pool.query<{ body: unknown }>(`SELECT body FROM baseline_records WHERE key = $1`, [request.params.key]);
  if (rows.length === 0) return reply.status(404).send({ code: 'NOT_FOUND' });
  return rows[0].body;
});

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

await app.listen({ port, host: '127.0.0.1' });
