import { expect, test } from '@jest/globals';
import {
  CommandLoad,
  describeWithKafka,
  liveAndRebuiltReadModels,
  sharedOut,
  topicPartitions,
  registerEmployees,
  readModelsCaughtUp,
  useJenjangCluster,
} from '#testing';

const HR = '197901012005012002';
/** Short, so the group notices the dead member within the test (the default is kafkajs's 30 s). */
const SESSION_TIMEOUT_MS = 3_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describeWithKafka('a projector SIGKILLed while a second one runs in its consumer group', () => {
  const f = useJenjangCluster('projectors', { KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) });

  test('its partitions move to the survivor, which resumes from the read models’ checkpoints: nothing lost or doubled', async () => {
    const { cluster, dataSource } = f;
    const api = await cluster.start('api');
    const [doomed] = await Promise.all([cluster.start('projector', 'projector-a'), cluster.start('relay')]);
    const token = await cluster.token(HR, ['hr']);
    const nips = await registerEmployees(api.url, token, 4);
    // Alone in the group, the first projector holds every partition of the topic; with a second one they share them.
    const all = await topicPartitions(doomed);
    const survivor = await cluster.start('projector', 'projector-b');
    const [mine] = await sharedOut([doomed, survivor], all);

    const load = new CommandLoad({ targets: [api.url], token, nips, concurrency: 2, tag: 'projectors' });
    load.start();
    await sleep(1_500);
    const killedAt = Date.now();
    doomed.kill('SIGKILL');
    await doomed.exited;
    const [taken] = await sharedOut([survivor], all, SESSION_TIMEOUT_MS + 20_000);
    const resumedMs = taken.at - killedAt;
    await sleep(1_000);
    await load.stop();
    await readModelsCaughtUp(dataSource);

    const accepted = load.accepted().length;
    const { live, rebuilt } = await liveAndRebuiltReadModels(dataSource);
    const lost = Math.max(0, accepted - live.career_trainings.length);
    const doubled = Math.max(0, live.career_trainings.length - accepted);
    console.log(
      `projector failover: partitions [${mine.partitions.join(', ')}] of the SIGKILLed projector moved to the survivor, which ` +
        `resumed ${resumedMs} ms after the kill (session timeout ${SESSION_TIMEOUT_MS} ms); ${accepted} commands accepted; ` +
        `effects lost: ${lost}, effects doubled: ${doubled}; read models equal to a rebuild: ${JSON.stringify(live) === JSON.stringify(rebuilt)}`,
    );

    expect(resumedMs).toBeLessThan(30_000);
    expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    expect(live.career_trainings).toHaveLength(accepted);
    expect(live).toEqual(rebuilt);
  }, 180_000);
});
