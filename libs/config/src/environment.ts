import { DomainError } from '#domain';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** An address or CIDR range, or one of proxy-addr's names, as fastify's `trustProxy` takes them. */
function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}
const IsProxyList = () =>
  ValidateBy({
    name: 'isProxyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.split(',').every((entry) => isProxyEntry(entry.trim())),
      defaultMessage: () => 'TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges (10.0.0.0/8)',
    },
  });
const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * Every setting Jenjang reads, with its default. Nothing else in the code reads process.env
 * for configuration: a bad or missing value stops the boot with a message naming it.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  @IsString()
  @Matches(/^[a-zA-Z0-9._-]{1,249}$/, { message: 'KAFKA_TOPIC must be a valid Kafka topic name' })
  KAFKA_TOPIC = 'asn.events.v1';

  @IsString()
  KAFKA_CLIENT_ID = 'jenjang';

  @IsString()
  KAFKA_GROUP_ID = 'jenjang-projector';

  /** SASL towards the brokers; unset: none. Needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn([...KAFKA_SASL_MECHANISMS])
  KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number];

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** TLS towards the brokers (system CAs). */
  @Transform(toBool)
  @IsBoolean()
  KAFKA_SSL = false;

  /** How long the consumer group waits on a silent projector before its partitions go to the others. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 30_000;

  /** How long a projector's fetch waits for data when there is none (kafkajs's 5 s; a real broker answers as soon as data comes). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(30_000)
  KAFKA_FETCH_MAX_WAIT_MS = 5_000;

  @IsString()
  EVENT_SOURCE = '/jenjang';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  JWT_ISSUER?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  JWT_AUDIENCE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  RELAY_BATCH_SIZE = 500;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60000)
  RELAY_POLL_MS = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SLA_CLOCK_INTERVAL_SECONDS = 1;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 3000;

  /**
   * The reverse proxies whose `X-Forwarded-For` is believed (client address for the rate limit and
   * the logs). Unset: none, the peer address is the client, so a forged header changes nothing.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsProxyList()
  TRUSTED_PROXIES?: string;

  /** Who may use dev sign-in when it is on: `loopback` (this machine only) or `open` (any address). */
  @IsIn(['loopback', 'open'])
  DEV_SIGN_IN: 'loopback' | 'open' = 'loopback';

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent' = 'info';

  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO = true;

  /**
   * Ed25519 key the ledger signs checkpoints with: base64 or hex of the 32-byte seed, or a PKCS#8
   * PEM. Unset: a key generated once under DATA_DIR (the embedded default).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LEDGER_SIGNING_KEY?: string;

  /** Raw 32-byte Ed25519 public key (base64) verification trusts; unset: the signing key's own. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'LEDGER_TRUSTED_PUBLIC_KEY must be a raw 32-byte Ed25519 key in base64' })
  LEDGER_TRUSTED_PUBLIC_KEY?: string;

  /** The ledger signs a checkpoint every this many events... */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LEDGER_CHECKPOINT_EVERY_EVENTS = 1000;

  /** ...or this many seconds after the last one when the tree has grown since. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LEDGER_CHECKPOINT_EVERY_SECONDS = 10;
}

export class ConfigurationError extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INTERNAL', message, { reason: 'CONFIG.INVALID', cause: options.cause });
  }
}

/** Validates raw environment variables; throws naming every bad setting. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const relevant: Record<string, unknown> = {};
  const optional = [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'KAFKA_SASL_MECHANISM',
    'KAFKA_SASL_USERNAME',
    'KAFKA_SASL_PASSWORD',
    'JWT_SECRET',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'LEDGER_SIGNING_KEY',
    'LEDGER_TRUSTED_PUBLIC_KEY',
    'TRUSTED_PROXIES',
  ];
  for (const key of [...known, ...optional]) {
    if (raw[key] !== undefined) relevant[key] = raw[key];
  }
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const saslCredentials = [env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD].filter((v) => v !== undefined).length;
  if (env.KAFKA_SASL_MECHANISM ? saslCredentials < 2 : saslCredentials > 0) {
    throw new ConfigurationError(
      'Invalid configuration:\n  KAFKA_SASL_MECHANISM: KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are set together or not at all',
    );
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigurationError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
    throw new ConfigurationError('Invalid configuration:\n  DATABASE_URL: required when NODE_ENV=production');
  }
  return env;
}
