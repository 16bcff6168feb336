import { Api, eventually, SmtpSink } from '@tochka/testing';
import { DevStack } from '../src/start';
import { expectNothingLostOrDuplicated, registrationBurst, setUpMasterClass } from './burst-fixture';
import { health, isAlive, LaunchedStack, launchStack, portsInRange, waitForHealthy } from './launcher-harness';

const PASSWORD = 'пароль-остановки-района';
const COORDINATOR = 'metodist@mk-moshr.test';

describe('SIGTERM to a gateway and a registrations process during a burst', () => {
  let launched: LaunchedStack;
  let sink: SmtpSink;
  let stack: DevStack;
  let api: Api;
  let port: number;

  beforeAll(async () => {
    [port] = (await portsInRange(1, 0, 18580)) as [number];
    launched = await launchStack({ name: 'sigterm-burst', port, coordinator: COORDINATOR, password: PASSWORD, settings: { INSTANCES: '2' } });
    ({ stack, api, sink } = launched);
  }, 120_000);

  afterAll(async () => {
    if (process.env.SIGTERM_LOGS) console.log(launched?.logs.join('\n'));
    await launched?.stop();
  }, 60_000);

  it('finishes what it holds, exits 0, and loses or duplicates nothing', async () => {
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    const mc = await setUpMasterClass(api, coordinator, PASSWORD);
    const stopped: Record<string, number> = {};
    const { results, retries } = await registrationBurst(mc, (accepted) => {
      if (accepted !== 8 || Object.keys(stopped).length) return;
      for (const name of ['registrations-1', 'gateway-1']) {
        stopped[name] = stack.pids()[name]!;
        process.kill(stopped[name]!, 'SIGTERM');
      }
    });
    expect(Object.keys(stopped)).toEqual(['registrations-1', 'gateway-1']);
    // Both drained and exited on their own (code 0), and the launcher started them again.
    for (const name of Object.keys(stopped)) {
      await eventually(() => launched.logs.some((l) => l.includes(`${name} неожиданно завершился (код 0)`)), 20_000);
      await eventually(() => stack.pids()[name] !== undefined && stack.pids()[name] !== stopped[name], 20_000);
      expect(isAlive(stopped[name]!)).toBe(false);
    }
    await waitForHealthy(port, 30_000);
    expect((await health(port)).status).toBe(200);
    await expectNothingLostOrDuplicated(mc, results, sink);
    launched.logs.push(`sigterm burst: ${results.length} registrations, ${retries} client retries`);
  }, 240_000);
});
