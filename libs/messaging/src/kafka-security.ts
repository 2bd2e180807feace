import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { Environment } from '#config';

export type KafkaSecuritySettings = Pick<Environment, 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD' | 'KAFKA_SSL'>;

/** What kafkajs needs to authenticate (and encrypt): KafkaConfig's `ssl` and `sasl`. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl'> & { sasl?: SASLOptions };

/**
 * The validated KAFKA_SASL_* / KAFKA_SSL settings as kafkajs options. validateEnvironment has
 * already refused a mechanism without both credentials, or credentials without a mechanism.
 */
export function kafkaSecurity(settings: KafkaSecuritySettings): KafkaSecurity {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = settings;
  const security: KafkaSecurity = { ssl: settings.KAFKA_SSL };
  if (mechanism && username !== undefined && password !== undefined) security.sasl = { mechanism, username, password };
  return security;
}

/** For the boot log line: the mechanism and user, never the password. */
export function describeKafkaSecurity(security: KafkaSecurity): string {
  const sasl = security.sasl && 'username' in security.sasl ? `sasl ${security.sasl.mechanism} as ${security.sasl.username}` : 'no sasl';
  return `${sasl}, ${security.ssl ? 'tls' : 'no tls'}`;
}
