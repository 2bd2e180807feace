import { describe, expect, test } from '@jest/globals';
import { ConfigurationError, validateEnvironment } from '#config';
import { describeKafkaSecurity, kafkaSecurity } from './kafka-security.js';
import { kafkaClientConfig } from './kafka.transport.js';
import { silentLogger } from './logger.js';

/** From raw environment variables, as a process gets them, to kafkajs's client options. */
const fromEnv = (raw: Record<string, string>) => kafkaSecurity(validateEnvironment({ KAFKA_BROKERS: 'kafka:9092', ...raw }));

describe('KAFKA_SASL_* and KAFKA_SSL → kafkajs', () => {
  test('unset: no SASL, no TLS', () => {
    const security = fromEnv({});
    expect(security).toEqual({ ssl: false });
    expect(kafkaClientConfig({ brokers: ['kafka:9092'], ...security }, silentLogger)).toMatchObject({ ssl: false, sasl: undefined });
  });

  test.each(['scram-sha-512', 'scram-sha-256', 'plain'] as const)(
    '%s with its credentials reaches the kafkajs client config',
    (mechanism) => {
      const security = fromEnv({ KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: 'jenjang', KAFKA_SASL_PASSWORD: 's3cret' });
      expect(security).toEqual({ ssl: false, sasl: { mechanism, username: 'jenjang', password: 's3cret' } });
      const config = kafkaClientConfig({ brokers: ['kafka:9092'], clientId: 'relay', ...security }, silentLogger);
      expect(config).toMatchObject({
        brokers: ['kafka:9092'],
        clientId: 'relay',
        ssl: false,
        sasl: { mechanism, username: 'jenjang', password: 's3cret' },
      });
    },
  );

  test('KAFKA_SSL=true turns TLS on, with or without SASL', () => {
    expect(fromEnv({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(
      fromEnv({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    });
  });

  test.each([
    [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512' }],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' }],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }],
    [{ KAFKA_SASL_PASSWORD: 'p' }],
  ])('a mechanism without both credentials, or credentials without a mechanism, stops the boot: %j', (raw) => {
    expect(() => fromEnv(raw)).toThrow(ConfigurationError);
    expect(() => fromEnv(raw)).toThrow(/KAFKA_SASL_MECHANISM/);
  });

  test('the boot log names the mechanism and the user, never the password', () => {
    const security = fromEnv({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'jenjang',
      KAFKA_SASL_PASSWORD: 'do-not-log-me',
    });
    expect(describeKafkaSecurity(security)).toBe('sasl scram-sha-512 as jenjang, no tls');
    expect(describeKafkaSecurity(fromEnv({}))).toBe('no sasl, no tls');
  });
});
