import { connect, JetStreamManager, NatsConnection } from 'nats';
import { deadLetterStreamConfig, ensureStream, producerStreamConfig, subjectsCollide } from '@tochka/messaging';
import { naming } from '@tochka/contracts';
import { createTestEnv, TestEnv } from '@tochka/testing';

/**
 * Every service provisions the dead-letter stream and the streams it consumes from at start-up, so
 * a whole network starting at once creates the same streams from many connections together.
 */
describe('messaging: stream provisioning', () => {
  const CONNECTIONS = 12;
  let env: TestEnv;
  let conns: NatsConnection[];
  let managers: JetStreamManager[];

  beforeAll(async () => {
    env = createTestEnv();
    conns = await Promise.all(Array.from({ length: CONNECTIONS }, () => connect({ servers: env.natsUrl })));
    managers = await Promise.all(conns.map((nc) => nc.jetstreamManager()));
  });

  afterAll(async () => {
    await Promise.all((conns ?? []).map((nc) => nc.close()));
    await env?.cleanup();
  });

  const options = (prefix: string) => ({ prefix, storage: 'memory' as const, duplicateWindowMs: 120_000, maxAgeMs: 86_400_000 });

  it('creates the same streams from many connections at once without an error, each exactly once', async () => {
    // nats-server 2.9 answers some of these concurrent creations with a spurious "subjects overlap"
    // (see ensureStream); 100 rounds of 12 connections x 2 streams hit that window nearly every run here.
    for (let round = 0; round < 100; round++) {
      const prefix = `${env.prefix}r${round}`;
      const configs = [deadLetterStreamConfig(options(prefix)), producerStreamConfig('agreements', options(prefix))];
      const results = await Promise.allSettled(managers.flatMap((jsm) => configs.map((c) => ensureStream(jsm, c))));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const names: string[] = [];
      for await (const s of managers[0].streams.list()) if (s.config.name.startsWith(`${prefix.toUpperCase()}_`)) names.push(s.config.name);
      expect(names.sort()).toEqual([naming.deadLetterStream(prefix), naming.streamName(prefix, 'agreements')].sort());
    }
  });

  it('names the stream in the way when the subjects are really taken by another stream', async () => {
    const prefix = `${env.prefix}x`;
    await managers[0].streams.add({ name: `${prefix.toUpperCase()}_SQUATTER`, subjects: [`${prefix}.evt.agreement.*`] });
    const error = await ensureStream(managers[1], producerStreamConfig('agreements', options(prefix))).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${prefix.toUpperCase()}_SQUATTER`);
    expect((error as Error).message).toContain(`${prefix}.evt.agreement.*`);
  });

  it('matches NATS wildcards when comparing subjects', () => {
    expect(subjectsCollide('a.evt.x', 'a.evt.x')).toBe(true);
    expect(subjectsCollide('a.evt.*', 'a.evt.x')).toBe(true);
    expect(subjectsCollide('a.>', 'a.evt.x')).toBe(true);
    expect(subjectsCollide('*.evt.x', 'a.evt.x')).toBe(true);
    expect(subjectsCollide('a.evt.x', 'a.evt.y')).toBe(false);
    expect(subjectsCollide('a.evt', 'a.evt.x')).toBe(false);
    expect(subjectsCollide('a.*', 'a.evt.x')).toBe(false);
    expect(subjectsCollide('b.>', 'a.evt.x')).toBe(false);
  });
});
