import type { Console } from './format';
import { demoPassword, seedRunningNetwork } from './seed-runner';
import type { StackSettings } from './settings';

/** What a post-start step gets: the running stack's addresses and the console. */
export interface StackContext {
  settings: StackSettings;
  /** NATS the services use (NATS_URL, one already running, or the embedded one). */
  natsUrl: string;
  /** MongoDB the services use (MONGO_URL or the embedded one). */
  mongoUrl: string;
  /** SMTP the notifications service sends through (SMTP_URL or the sink). */
  smtpUrl: string;
  /** Where the sink saves mail; undefined with SMTP_URL. */
  mailDir: string | undefined;
  /** Gateway address reachable from this machine, e.g. http://127.0.0.1:8080. */
  gatewayUrl: string;
  console: Console;
}

/**
 * Something to do once /health is green and before the banner, e.g. "load the district data into
 * an empty database". A step that throws is reported; the stack keeps running.
 */
export interface PostStartStep {
  /** Shown in the console (Russian), e.g. "загрузка данных района". */
  title: string;
  run(ctx: StackContext): Promise<void>;
}

/** Load Shcherbinovsky district (organisations, agreements, demo accounts) when the network has no accounts yet. */
export const seedWhenEmpty: PostStartStep = {
  title: 'загрузка данных района в пустую базу',
  async run(ctx) {
    const result = await seedRunningNetwork(
      { natsUrl: ctx.natsUrl, mongoUrl: ctx.mongoUrl, mongoDbPrefix: ctx.settings.mongoDbPrefix, subjectPrefix: ctx.settings.subjectPrefix },
      // The launcher is a development tool: its services run with NODE_ENV=development.
      {
        password: demoPassword({ ...process.env, NODE_ENV: 'development' }),
        onlyIfEmpty: true,
        log: (line) => ctx.console.log('dev-stack', 'info', `данные района: ${line}`),
      },
    );
    if (result === 'skipped') ctx.console.log('dev-stack', 'info', 'данные района: база не пуста, загрузка не нужна');
  },
};

/** The steps `pnpm start` runs, in order. */
export const postStartSteps: PostStartStep[] = [seedWhenEmpty];

/** Run the steps one after another; returns the titles of the ones that failed. */
export async function runPostStartSteps(steps: readonly PostStartStep[], ctx: StackContext, signal?: AbortSignal): Promise<string[]> {
  const failed: string[] = [];
  for (const step of steps) {
    if (signal?.aborted) break;
    ctx.console.log('dev-stack', 'info', `${step.title}…`);
    try {
      await step.run(ctx);
    } catch (err) {
      failed.push(step.title);
      ctx.console.log('dev-stack', 'error', `${step.title}: не удалось — ${(err as Error).message}`);
    }
  }
  return failed;
}
