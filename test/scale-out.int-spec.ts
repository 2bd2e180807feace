import { expect, test } from '@jest/globals';
import {
  CommandLoad,
  describeWithKafka,
  liveAndRebuiltReadModels,
  RELAY_LEADER_LOG,
  startScaledOut,
  readModelsCaughtUp,
  useJenjangCluster,
} from '#testing';

const HR = '197901012005012002';

/**
 * The deployment docker-compose describes, scaled out: two api processes behind no balancer (the
 * client spreads its commands), two relays of which one stands by, two projectors in one group.
 */
describeWithKafka('scale-out: two apis, two relays (one standing by), two projectors in one consumer group', () => {
  const f = useJenjangCluster('scaleout', { KAFKA_SESSION_TIMEOUT_MS: '3000' });

  test('commands go through both apis, partitions are shared by both projectors, the read models equal a rebuild', async () => {
    const { cluster, dataSource } = f;
    const token = await cluster.token(HR, ['hr']);
    const {
      apis: [first, second],
      relays,
      shares,
      nips,
    } = await startScaledOut(cluster, token, 4);

    const load = new CommandLoad({ targets: [first.url, second.url], token, nips, concurrency: 4, tag: 'scaleout' });
    load.start();
    await new Promise((r) => setTimeout(r, 3_000));
    await load.stop();
    await readModelsCaughtUp(dataSource);

    const accepted = load.accepted();
    const perApi = [first, second].map((api) => accepted.filter((o) => o.target === api.url).length);
    const { live, rebuilt } = await liveAndRebuiltReadModels(dataSource);
    console.log(
      `scale-out: ${accepted.length} commands accepted, ${perApi.join(' + ')} by the two apis; partitions ` +
        `[${shares[0].partitions.join(', ')}] / [${shares[1].partitions.join(', ')}] over the two projectors; ` +
        `leader ${RELAY_LEADER_LOG.test(relays[1].output()) ? 'relay-b' : 'relay-a'}, the other standing by; read models equal to a rebuild: ` +
        `${JSON.stringify(live) === JSON.stringify(rebuilt)}`,
    );

    expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
    expect(perApi.every((n) => n > 0)).toBe(true);
    expect(shares.every((s) => s.partitions.length > 0)).toBe(true);
    expect(relays.filter((r) => RELAY_LEADER_LOG.test(r.output()))).toHaveLength(1);
    expect(live.career_trainings).toHaveLength(accepted.length);
    expect(live).toEqual(rebuilt);
  }, 180_000);
});
