import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Kafka, logLevel, Partitioners, type KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '#domain';
import { DATA_SOURCE, EventStore, START_OF_LOG } from '#event-store';
import { encodeEvent, TRANSPORT, type KafkaTransport } from '#messaging';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { eventually } from '../libs/testing/src/eventually.js';
import { describeWithKafka } from '../libs/testing/src/describe-with-kafka.js';
import { startKafka, type KafkaHandle } from '../libs/testing/src/kafka-harness.js';

const HR = '197901012005012002';
const GENUINE = '198507122010011001';
const FORGED = '199001012015011009';
const LATER = '198803032012012003';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const employee = (nip: string, name: string) => ({
  nip,
  name,
  unitId: 'dinas-kesehatan',
  grade: 'III/b',
  gradeSince: '2021-01-01',
  education: 'S1',
  positionTitle: 'Analis Kepegawaian',
  positionType: 'FUNGSIONAL',
  jenjang: 'AHLI_PERTAMA',
});

describeWithKafka('the projector applies only what the event store holds (issue 9: forged events on the topic)', () => {
  let kafka: KafkaHandle;
  let t: TestApp;
  let client: Kafka;
  const topic = `asn.events.v1.forgery-${Date.now()}`;
  const dlq: KafkaMessage[] = [];
  let stopDlq: () => Promise<void>;

  beforeAll(async () => {
    kafka = await startKafka();
    t = await startTestApp({ env: { KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `g-${Date.now()}` } });
    client = new Kafka({ clientId: 'forger', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
    const consumer = client.consumer({ groupId: `dlq-${Date.now()}`, sessionTimeout: 6000, heartbeatInterval: 1000, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void dlq.push(message) });
    stopDlq = () => consumer.disconnect();
  }, 60_000);
  afterAll(async () => {
    await stopDlq?.();
    await t?.close();
    await kafka?.stop();
  });

  test('forged, tampered and re-hashed messages are dead-lettered with their reason; genuine events around them are applied', async () => {
    const hr = { Authorization: `Bearer ${await t.token(HR, ['hr'])}` };
    expect((await t.http.post('/api/employees').set(hr).send(employee(GENUINE, 'Siti Rahmawati'))).status).toBe(201);
    const career = await eventually(
      () => t.http.get(`/api/employees/${GENUINE}/career`).set(hr),
      (r) => r.status === 200,
    );
    expect(career.body.name).toBe('Siti Rahmawati');

    const store = new EventStore(t.app.get<DataSource>(DATA_SOURCE));
    const stored = (await store.readAll(START_OF_LOG, 100)).find((e) => e.streamId === `employee-${GENUINE}`) as RecordedEvent;
    expect(stored).toBeDefined();
    const forged: RecordedEvent[] = [
      // A whole new employee at a position the store has not reached: the attack issue 9 found.
      {
        ...stored,
        globalPosition: stored.globalPosition + 1_000,
        transactionId: String(BigInt(stored.transactionId) + 1_000n),
        streamId: `employee-${FORGED}`,
        data: { ...stored.data, nip: FORGED, name: 'Forged Person' },
        hash: 'a'.repeat(64),
      },
      // The genuine event's position and hash over another payload.
      { ...stored, data: { ...stored.data, name: 'Tampered Name' } },
      // The genuine position with another hash.
      { ...stored, data: { ...stored.data, name: 'Rehashed Name' }, hash: 'b'.repeat(64) },
    ];
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: forged.map((e) => encodeEvent(e)) });
    await producer.disconnect();

    // A genuine event after the forgeries is still applied.
    expect((await t.http.post('/api/employees').set(hr).send(employee(LATER, 'Budi Santoso'))).status).toBe(201);
    const later = await eventually(
      () => t.http.get(`/api/employees/${LATER}/career`).set(hr),
      (r) => r.status === 200,
    );
    expect(later.body.name).toBe('Budi Santoso');

    const deadline = Date.now() + 30_000;
    while (dlq.length < 3 && Date.now() < deadline) await sleep(100);
    const headers = dlq.map((m) => ({
      error: m.headers?.['x-error']?.toString() ?? '',
      type: m.headers?.['x-error-type']?.toString(),
      name: (JSON.parse(m.value?.toString() ?? '{}') as RecordedEvent).data?.name,
    }));
    expect(headers.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      {
        name: 'Forged Person',
        type: 'UnconfirmedMessageError',
        error: `Unconfirmed message: not in the event store: no event at global position ${forged[0].globalPosition}`,
      },
      {
        name: 'Rehashed Name',
        type: 'UnconfirmedMessageError',
        error: `Unconfirmed message: hash mismatch: the event store holds hash ${stored.hash} at global position ${stored.globalPosition}, the message ${'b'.repeat(64)}`,
      },
      {
        name: 'Tampered Name',
        type: 'UnconfirmedMessageError',
        error: `Unconfirmed message: content differs from the stored event at global position ${stored.globalPosition}: data`,
      },
    ]);
    expect(t.app.get<KafkaTransport>(TRANSPORT).stats.deadLettered).toBe(3);

    // Nothing forged reached a read model.
    expect((await t.http.get(`/api/employees/${FORGED}/career`).set(hr)).status).toBe(404);
    expect((await t.http.get(`/api/employees/${GENUINE}/career`).set(hr)).body.name).toBe('Siti Rahmawati');
    const names = await t.app
      .get<DataSource>(DATA_SOURCE)
      .query<{ name: string }[]>(`SELECT name FROM career_employees ORDER BY name`)
      .then((rows) => rows.map((r) => r.name));
    expect(names).toEqual(['Budi Santoso', 'Siti Rahmawati']);
  }, 90_000);
});
