import { DomainError } from '#domain';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { AUTH_LIMITS, isValidNip, ROLES, type Role } from '#domain';

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
const MAX_LIFETIME = AUTH_LIMITS.maxTokenLifetimeSeconds;
/** Verified tokens remembered (each client holds one at a time). */
const TOKEN_CACHE_SIZE = 1000;

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
  // fast-jwt rather than jose on the request path: it verifies HS256 synchronously with node:crypto
  // (jose goes through WebCrypto's job queue, about a tenth of a command's CPU) and caches what it
  // verified, so a client's next request with the same token skips the HMAC.
  private readonly verifyToken: (token: string) => Record<string, unknown>;
  private readonly sign: (payload: Record<string, unknown>) => string;

  constructor(settings: JwtSettings) {
    this.verifyToken = createVerifier({
      key: settings.secret,
      algorithms: ['HS256'],
      ...(settings.issuer ? { allowedIss: settings.issuer } : {}),
      ...(settings.audience ? { allowedAud: settings.audience } : {}),
      requiredClaims: ['exp', 'sub'],
      cache: TOKEN_CACHE_SIZE,
    });
    this.sign = createSigner({
      key: settings.secret,
      algorithm: 'HS256',
      ...(settings.issuer ? { iss: settings.issuer } : {}),
      ...(settings.audience ? { aud: settings.audience } : {}),
    });
  }

  async verify(token: string): Promise<Actor> {
    let payload: Record<string, unknown>;
    try {
      payload = this.verifyToken(token);
    } catch (error) {
      if (error instanceof TokenError && error.code === TokenError.codes.expired) throw new InvalidTokenError('the token has expired');
      if (error instanceof TokenError) throw new InvalidTokenError(`the token is not valid (${error.code})`);
      throw new InvalidTokenError('the token is not valid', { cause: error });
    }
    const { sub, agency, roles, exp, iat } = payload as { sub?: unknown; agency?: unknown; roles?: unknown; exp: number; iat?: number };
    // Counted from now too: an iat in the future must not stretch a token past the limit.
    const now = Math.floor(Date.now() / 1000);
    if (exp - Math.min(iat ?? now, now) > MAX_LIFETIME) {
      throw new InvalidTokenError(`the token is valid for more than ${MAX_LIFETIME / 3600} hours`);
    }
    if (!isValidNip(sub)) throw new InvalidTokenError('the sub claim must be a valid 18-digit NIP');
    if (typeof agency !== 'string' || !AGENCY_ID.test(agency)) throw new InvalidTokenError('the agency claim is missing or malformed');
    if (!Array.isArray(roles) || roles.some((r) => !ROLES.includes(r as Role))) {
      throw new InvalidTokenError(`the roles claim must be an array of ${ROLES.join(', ')}`);
    }
    return { nip: sub, agency, roles: [...new Set(roles as Role[])] };
  }

  async mint(actor: Actor, ttlSeconds = 8 * 3600, now = Math.floor(Date.now() / 1000)): Promise<string> {
    // Refused here rather than minted for verify() to refuse: `npm run token` says so at once.
    if (!isValidNip(actor.nip)) {
      throw new DomainError('VALIDATION_FAILED', `the subject must be a valid 18-digit NIP (got ${actor.nip})`, {
        reason: 'AUTH.INVALID_SUBJECT',
      });
    }
    if (ttlSeconds > MAX_LIFETIME) {
      throw new DomainError('VALIDATION_FAILED', `a token may be valid for at most ${MAX_LIFETIME / 3600} hours`, {
        reason: 'AUTH.LIFETIME_TOO_LONG',
      });
    }
    return this.sign({ sub: actor.nip, agency: actor.agency, roles: actor.roles, iat: now, exp: now + ttlSeconds });
  }
}
