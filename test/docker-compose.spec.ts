import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateEnvironment } from '#config';
import { kafkaSecurity } from '../libs/messaging/src/kafka-security.js';

// No docker here: the compose file is parsed and its security invariants checked (issue 9: the
// compose Kafka had no authentication and published a plaintext port).

interface Service {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number>;
  ports?: string[];
}

const SHELL_ENV: Record<string, string> = {
  JWT_SECRET: 'x'.repeat(48),
  LEDGER_SIGNING_KEY: 'k',
  LEDGER_TRUSTED_PUBLIC_KEY: 'A'.repeat(43) + '=',
  KAFKA_ADMIN_PASSWORD: 'adminpass0',
  KAFKA_APP_PASSWORD: 'apppass0',
};

/** Compose's interpolation: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR:?error}` (an unset VAR with `:?` fails, as compose does). */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (match, name: string | undefined, op?: string, arg?: string) => {
    if (match === '$$') return '$';
    const set = env[name as string];
    if (set !== undefined && set !== '') return set;
    if (op === '?') throw new Error(`compose would refuse to start: ${name} is unset (${arg})`);
    return op === '-' ? (arg ?? '') : '';
  });
}

function load(env: Record<string, string>): Record<string, Service> {
  const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  for (const service of Object.values(compose.services)) {
    if (service.environment)
      service.environment = Object.fromEntries(Object.entries(service.environment).map(([k, v]) => [k, interpolate(String(v), env)]));
    if (service.command) service.command = [service.command].flat().map((part) => interpolate(part, env));
  }
  return compose.services;
}

/** `NAME://host:port,...` → name → port. */
function listeners(value: string): Map<string, number> {
  return new Map(
    value.split(',').map((entry) => {
      const match = /^([A-Z_]+):\/\/[^:]*:(\d+)$/.exec(entry.trim());
      if (!match) throw new Error(`unreadable listener ${entry}`);
      return [match[1], Number(match[2])];
    }),
  );
}

/** A published port (`[ip:]host:container`) → its container port and host address. */
function published(port: string): { container: number; hostIp: string | null } {
  const parts = port.split(':');
  return { container: Number(parts[parts.length - 1]), hostIp: parts.length === 3 ? parts[0] : null };
}

describe('docker-compose.yml', () => {
  const services = load(SHELL_ENV);
  const kafka = services.kafka;
  const env = kafka.environment as Record<string, string>;
  const protocolOf = new Map(env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',').map((pair) => pair.split(':') as [string, string]));
  const bound = listeners(env.KAFKA_LISTENERS);
  const apps = Object.entries(services).filter(([, s]) => [s.command ?? []].flat().some((part) => /dist\/apps\/.+\/main\.js/.test(part)));

  test('the Kafka broker runs in KRaft mode, clients authenticate with SCRAM, and only the controller listener is plaintext', () => {
    expect(kafka.image).toMatch(/^apache\/kafka:/);
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(env.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
    const mechanisms = env.KAFKA_SASL_ENABLED_MECHANISMS.split(',');
    expect(mechanisms.length).toBeGreaterThan(0);
    for (const mechanism of mechanisms) expect(mechanism).toMatch(/^SCRAM-SHA-(256|512)$/);
    expect(mechanisms).toContain(env.KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL);
    for (const name of bound.keys()) {
      const protocol = protocolOf.get(name);
      if (name === env.KAFKA_CONTROLLER_LISTENER_NAMES) continue;
      expect([name, protocol]).toEqual([name, expect.stringMatching(/^SASL_(PLAINTEXT|SSL)$/)]);
    }
    // Every listener clients are told about is a SASL one.
    for (const name of listeners(env.KAFKA_ADVERTISED_LISTENERS).keys()) expect(protocolOf.get(name)).toMatch(/^SASL_/);
    expect(protocolOf.get(env.KAFKA_INTER_BROKER_LISTENER_NAME)).toMatch(/^SASL_/);
  });

  test('no service publishes a plaintext Kafka port; the one Kafka port published is SASL, on loopback', () => {
    const portToListener = new Map([...bound].map(([name, port]) => [port, name]));
    for (const [name, service] of Object.entries(services)) {
      if (name === 'kafka') continue;
      for (const port of service.ports ?? []) expect([name, published(port).container]).not.toEqual([name, 9092]);
    }
    for (const port of kafka.ports ?? []) {
      const { container, hostIp } = published(port);
      const listener = portToListener.get(container);
      expect(listener).toBeDefined();
      expect(protocolOf.get(listener as string)).toMatch(/^SASL_/);
      expect(hostIp).toBe('127.0.0.1');
    }
  });

  test('every SASL listener has its JAAS login, and the SCRAM users are bootstrapped when the storage is formatted', () => {
    const script = [kafka.command ?? []].flat().join('\n');
    expect(script).toMatch(/kafka-storage\.sh format --ignore-formatted --cluster-id/);
    expect(script).toMatch(/exec \/etc\/kafka\/docker\/run/);
    for (const [name] of [...bound].filter(([n]) => protocolOf.get(n)?.startsWith('SASL_'))) {
      for (const mechanism of env.KAFKA_SASL_ENABLED_MECHANISMS.split(',')) {
        const key = `KAFKA_LISTENER_NAME_${name.replace(/_/g, '__')}_${mechanism.replace(/-/g, '___')}_SASL_JAAS_CONFIG`;
        expect(env[key]).toMatch(
          /^org\.apache\.kafka\.common\.security\.scram\.ScramLoginModule required username="admin" password="adminpass0";$/,
        );
        expect(script).toContain(`--add-scram "${mechanism}=[name=admin,`);
      }
    }
    // The image would turn any KAFKA_* variable into a broker setting: the passwords travel under other names.
    expect(env.SCRAM_ADMIN_PASSWORD).toBe('adminpass0');
    expect(env.SCRAM_APP_PASSWORD).toBe('apppass0');
  });

  test('every app connects with SASL/SCRAM as a user the broker creates, through the same env → kafkajs mapping the apps use', () => {
    expect(apps.map(([name]) => name).sort()).toEqual(['api', 'projector', 'relay']);
    const script = [kafka.command ?? []].flat().join('\n');
    for (const [name, service] of apps) {
      const security = kafkaSecurity(validateEnvironment(service.environment ?? {}));
      expect([name, security.sasl]).toEqual([
        name,
        { mechanism: expect.stringMatching(/^scram-sha-(256|512)$/), username: 'jenjang', password: 'apppass0' },
      ]);
      const { mechanism, username } = security.sasl as { mechanism: string; username: string };
      expect(env.KAFKA_SASL_ENABLED_MECHANISMS.split(',')).toContain(mechanism.toUpperCase());
      expect(script).toContain(`--add-scram "${mechanism.toUpperCase()}=[name=${username},password=$SCRAM_APP_PASSWORD]"`);
      expect(listeners(`X://${service.environment?.KAFKA_BROKERS as string}`).get('X')).toBe(bound.get('SASL_PLAINTEXT'));
    }
  });

  test('without the Kafka passwords compose refuses to start', () => {
    expect(() => load({ ...SHELL_ENV, KAFKA_APP_PASSWORD: '' })).toThrow(/KAFKA_APP_PASSWORD/);
    expect(() => load({ ...SHELL_ENV, KAFKA_ADMIN_PASSWORD: '' })).toThrow(/KAFKA_ADMIN_PASSWORD/);
  });
});
