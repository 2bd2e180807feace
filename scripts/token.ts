import { parseArgs } from 'node:util';
import { jwtSecretFile, JwtService, readJwtSecret } from '#auth';
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
  // A secret made up here would sign tokens the server refuses: only the server's own is any use.
  const secret = readJwtSecret(env.JWT_SECRET, env.DATA_DIR);
  if (!secret) {
    throw new Error(
      `no JWT secret: JWT_SECRET is not set and ${jwtSecretFile(env.DATA_DIR)} does not exist (DATA_DIR=${env.DATA_DIR}). ` +
        `Run this with the server's DATA_DIR (npm start creates the secret there when it first starts) or with its JWT_SECRET.`,
    );
  }
  const jwt = new JwtService({
    secret,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
  process.stdout.write(`${await jwt.mint({ nip: values.sub, agency: values.agency, roles }, ttlSeconds(values.ttl ?? '8h'))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
