import { DomainError } from '#domain';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes, webcrypto } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '#domain';

/** Who is acting, as the verified token says. Events record this, never anything from a body. */
export interface Actor {
  nip: string;
  agency: string;
  roles: Role[];
}

export interface JwtSettings {
  secret: string;
  issuer?: string;
  audience?: string;
}

export class InvalidTokenError extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('UNAUTHENTICATED', message, { reason: 'AUTH.INVALID_TOKEN', cause: options.cause });
  }
}

const AGENCY_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
const ACTOR_ID = /^[0-9]{18}$/;

/** Where the embedded default keeps its generated secret. */
export const jwtSecretFile = (dataDir: string): string => resolve(dataDir, 'jwt-secret');

/** JWT_SECRET, else the secret kept under the data directory, else null: never creates one (npm run token). */
export function readJwtSecret(configured: string | undefined, dataDir: string): string | null {
  if (configured) return configured;
  const file = jwtSecretFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/**
 * JWT_SECRET when set; otherwise a random secret kept under the data directory, so the
 * embedded default and `npm run token` agree without anyone choosing a weak shared string.
 */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  const existing = readJwtSecret(configured, dataDir);
  if (existing) return existing;
  const file = jwtSecretFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export class JwtService {
  // Imported into WebCrypto once: given bytes, jose would import them on every call (about half its cost).
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(private readonly settings: JwtSettings) {
    const bytes = new TextEncoder().encode(settings.secret);
    this.key = webcrypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    // Handled where it is awaited; this only keeps an unusable secret from crashing the process at start.
    this.key.catch(() => undefined);
  }

  async verify(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'sub'],
      });
      const { sub, agency, roles } = payload as { sub?: unknown; agency?: unknown; roles?: unknown };
      if (typeof sub !== 'string' || !ACTOR_ID.test(sub)) throw new InvalidTokenError('the sub claim must be an 18-digit NIP');
      if (typeof agency !== 'string' || !AGENCY_ID.test(agency)) throw new InvalidTokenError('the agency claim is missing or malformed');
      if (!Array.isArray(roles) || roles.some((r) => !ROLES.includes(r as Role))) {
        throw new InvalidTokenError(`the roles claim must be an array of ${ROLES.join(', ')}`);
      }
      return { nip: sub, agency, roles: [...new Set(roles as Role[])] };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('the token has expired');
      if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(`the token is not valid (${error.code})`);
      throw new InvalidTokenError('the token is not valid');
    }
  }

  async mint(actor: Actor, ttlSeconds = 8 * 3600, now = Math.floor(Date.now() / 1000)): Promise<string> {
    let jwt = new SignJWT({ agency: actor.agency, roles: actor.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.nip)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds);
    if (this.settings.issuer) jwt = jwt.setIssuer(this.settings.issuer);
    if (this.settings.audience) jwt = jwt.setAudience(this.settings.audience);
    return jwt.sign(await this.key);
  }
}
