import { connect } from 'nats';
import { DeadLetter, listDeadLetters, replayDeadLetters } from '@tochka/messaging';
import { baseConfigSchema, loadConfig } from './config';

const USAGE = `Usage:
  pnpm dlq list [--json]          what is on the dead-letter stream, oldest first
  pnpm dlq replay <seq> [<seq>…]  put those messages back on their subjects (then removed from the stream)
Uses the services' settings NATS_URL and SUBJECT_PREFIX.`;

/** `pnpm dlq …`; returns the process exit code. */
export async function runDlqCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: Pick<Console, 'log' | 'error'> = console,
): Promise<number> {
  const [command, ...rest] = argv;
  const seqs = rest.map(Number);
  if (!(command === 'list' && rest.every((a) => a === '--json')) && !(command === 'replay' && rest.length && seqs.every((n) => Number.isInteger(n) && n > 0))) {
    out.error(USAGE);
    return 2;
  }
  const config = loadConfig(baseConfigSchema, { NODE_ENV: 'development', ...env });
  const nc = await connect({ servers: config.NATS_URL, name: 'dlq' });
  try {
    const at = { js: nc.jetstream(), jsm: await nc.jetstreamManager(), prefix: config.SUBJECT_PREFIX };
    if (command === 'list') {
      const letters = await listDeadLetters(at);
      if (rest.includes('--json')) out.log(JSON.stringify(letters));
      else if (!letters.length) out.log('dead-letter stream is empty');
      else for (const letter of letters) out.log(line(letter));
      return 0;
    }
    let failed = 0;
    for (const outcome of await replayDeadLetters(at, seqs)) {
      if (outcome.replayed) out.log(`#${outcome.seq} replayed to ${outcome.subject}`);
      else {
        failed++;
        out.error(`#${outcome.seq} not replayed: ${outcome.problem}`);
      }
    }
    return failed ? 1 : 0;
  } finally {
    await nc.close();
  }
}

function line(l: DeadLetter): string {
  return [
    `#${l.seq}`,
    l.at.toISOString(),
    `consumer=${l.consumer}`,
    `event=${l.eventType ?? '?'}${l.eventId ? ` id=${l.eventId}` : ''}`,
    `reason=${l.reason}`,
    `deliveries=${l.deliveries}`,
    `error=${JSON.stringify(l.error)}`,
  ].join('  ');
}

if (require.main === module) {
  runDlqCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`dlq failed: ${err.message}`);
      process.exit(1);
    },
  );
}
