import { parseArgs } from 'node:util';
import { JwtService, resolveJwtSecret } from '#auth';
import { validateEnvironment } from '#config';
import { ROLES, type Role } from '#domain';

const usage = 'usage: npm run token -- --sub <18-digit NIP> --agency <agency-id> --roles hr,verifier [--ttl 8h, at most 24h]';

function ttlSeconds(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) throw new Error(`--ttl must look like 30m or 8h, at most 24h (got ${text})`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sub: { type: 'string' }, agency: { type: 'string' }, roles: { type: 'string' }, ttl: { type: 'string', default: '8h' } },
  });
  if (!values.sub || !values.agency || !values.roles) throw new Error(usage);
  const roles = values.roles.split(',').map((r) => r.trim()) as Role[];
  const unknown = roles.filter((r) => !ROLES.includes(r));
  if (unknown.length > 0) throw new Error(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  const env = validateEnvironment(process.env);
  const jwt = new JwtService({
    secret: resolveJwtSecret(env.JWT_SECRET, env.DATA_DIR),
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
  process.stdout.write(`${await jwt.mint({ nip: values.sub, agency: values.agency, roles }, ttlSeconds(values.ttl ?? '8h'))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
