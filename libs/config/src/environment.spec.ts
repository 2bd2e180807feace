import { describe, expect, test } from '@jest/globals';
import { ConfigurationError, validateEnvironment } from './environment.js';

describe('validateEnvironment', () => {
  test('an empty environment gives the embedded defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, KAFKA_TOPIC: 'asn.events.v1', DATA_DIR: '.data', SEED_DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.KAFKA_BROKERS).toBeUndefined();
  });

  test('parses numbers, booleans and lists', () => {
    const env = validateEnvironment({ PORT: '8080', SEED_DEMO: 'false', KAFKA_BROKERS: 'kafka:9092,kafka-2:9092' });
    expect(env).toMatchObject({ PORT: 8080, SEED_DEMO: false, KAFKA_BROKERS: 'kafka:9092,kafka-2:9092' });
  });

  test('TRUSTED_PROXIES takes addresses and CIDR ranges, and trusts none when unset', () => {
    expect(validateEnvironment({}).TRUSTED_PROXIES).toBeUndefined();
    expect(validateEnvironment({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' }).TRUSTED_PROXIES).toBe(
      '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback',
    );
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ KAFKA_BROKERS: 'kafka' }, 'KAFKA_BROKERS'],
    [{ KAFKA_SESSION_TIMEOUT_MS: '500' }, 'KAFKA_SESSION_TIMEOUT_MS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUSTED_PROXIES: 'proxy.internal' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/jenjang' }, 'JWT_SECRET'],
  ])('a bad setting stops the boot with a message naming it: %j', (raw, name) => {
    expect(() => validateEnvironment(raw)).toThrow(ConfigurationError);
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(name));
  });
});
