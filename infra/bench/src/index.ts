import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `pnpm bench`: runs every `*.bench.js` next to this file (one per capability), one after
 * another, against MONGO_URL and NATS_URL like the tests. Each prints its own results table;
 * `pnpm bench <name>` runs only the benchmarks whose file name contains <name>.
 */
export interface Benchmark {
  name: string;
  run(): Promise<Record<string, string | number>>;
}

/**
 * Peak memory of this process while a benchmark runs: the load generator, the benchmark's set-up
 * and references, and the services themselves where a benchmark starts them in this process
 * rather than in their own (those report each process's memory in their own rows).
 */
function watchMemory() {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop(): Record<string, number> {
      clearInterval(timer);
      sample();
      return { "peak RSS of the benchmark's own process (MB)": mb(rss), 'its peak JS heap used (MB)': mb(heap) };
    },
  };
}

async function main() {
  if (!process.env.MONGO_URL || !process.env.NATS_URL) {
    throw new Error('Set MONGO_URL and NATS_URL (see README: the same servers as the tests).');
  }
  const filter = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.js') && (!filter || f.includes(filter)));
  if (!files.length) throw new Error(`no benchmark matches ${filter ?? '*'}`);
  for (const file of files.sort()) {
    // Compiled to CommonJS: the module's `default` export is the benchmark.
    const bench = (require(join(__dirname, file)) as { default: Benchmark }).default;
    console.log(`\n## ${bench.name}`);
    const memory = watchMemory();
    const results = await bench.run();
    for (const [k, v] of Object.entries({ ...results, ...memory.stop() })) console.log(`| ${k} | ${v} |`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error((err as Error).stack);
    process.exit(1);
  },
);
