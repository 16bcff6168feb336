import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Collection, Document, Filter, FindOptions } from 'mongodb';

/**
 * How the database server answers a query, from its own `explain`:
 * - MongoDB: the winning plan's stages; `index` is the key of the index it scans (IXSCAN/IDHACK),
 *   undefined for a collection scan.
 * - FerretDB 1.24: `filterPushdown` says whether it handed the filter to its backend (PostgreSQL
 *   filters there, in SQL) or reads every document and filters in its own code; on PostgreSQL
 *   `plan` is PostgreSQL's own plan of that SQL and `scans` its scan nodes. Its SQLite backend
 *   pushes down no filter at all (measured), so there the plan says nothing.
 */
export type QueryPlan =
  | { server: 'mongodb'; index: Record<string, unknown> | undefined; stages: string[] }
  | { server: 'ferretdb'; backend: 'postgresql' | 'sqlite'; filterPushdown: boolean; plan: unknown; scans: PostgresScan[] };

/** A scan node of a PostgreSQL plan: `Seq Scan`, `Index Scan`, `Bitmap Index Scan`, … */
export interface PostgresScan {
  node: string;
  schema?: string;
  relation?: string;
  index?: string;
  /** The condition it filters by, as PostgreSQL prints it (`Filter`, `Index Cond`, `Recheck Cond`). */
  condition?: string;
}

function postgresScans(plan: unknown): PostgresScan[] {
  const scans: PostgresScan[] = [];
  const walk = (node: Document | undefined): void => {
    if (!node || typeof node !== 'object') return;
    const type = String(node['Node Type'] ?? '');
    if (type.endsWith('Scan'))
      scans.push({
        node: type,
        schema: node.Schema,
        relation: node['Relation Name'],
        index: node['Index Name'],
        condition: node.Filter ?? node['Index Cond'] ?? node['Recheck Cond'],
      });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan as Document);
  return scans;
}

export async function explainFind<T extends Document>(collection: Collection<T>, filter: Filter<T>, options: FindOptions = {}): Promise<QueryPlan> {
  const explained = (await collection.find(filter, options).explain()) as Document;
  if (explained.serverInfo?.ferretdbVersion) {
    const plan = explained.queryPlanner?.Plan;
    const backend = Array.isArray(plan) ? 'sqlite' : 'postgresql';
    return { server: 'ferretdb', backend, filterPushdown: explained.filterPushdown === true, plan, scans: backend === 'postgresql' ? postgresScans(plan) : [] };
  }
  const stages: string[] = [];
  let index: Record<string, unknown> | undefined;
  const walk = (stage: Document | undefined): void => {
    if (!stage) return;
    stages.push(stage.stage);
    if (stage.stage === 'IXSCAN' || stage.stage === 'EXPRESS_IXSCAN') index ??= stage.keyPattern;
    if (stage.stage === 'IDHACK' || stage.stage === 'EXPRESS_IDHACK') index ??= { _id: 1 };
    walk(stage.inputStage);
    for (const s of stage.inputStages ?? []) walk(s);
  };
  walk(explained.queryPlanner?.winningPlan?.queryPlan ?? explained.queryPlanner?.winningPlan);
  return { server: 'mongodb', index, stages };
}

/**
 * The filter asks each field of the index by equality with a scalar at its top level, the one
 * kind of condition FerretDB 1.24 hands to its backend (other conditions beside them are filtered
 * by the server in the small set those select).
 */
export function asksByEquality(filter: Record<string, unknown>, indexKey: Record<string, unknown>): boolean {
  const scalar = (v: unknown) =>
    ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date || (v as { _bsontype?: string } | null)?._bsontype === 'ObjectId';
  return Object.keys(indexKey).every((key) => !key.includes('.') && scalar(filter[key]));
}

/**
 * What keeps a query from being served by the index `indexKey`, as a list (empty: served): the
 * index exists; the filter asks its fields by scalar equality; MongoDB's plan scans an index and
 * no collection; FerretDB on PostgreSQL pushes the filter down, and PostgreSQL serves that SQL by
 * an index (the companion indexes of infra/ferretdb/companion-indexes.sql). A small test table
 * PostgreSQL rightly reads whole: when its plan is a sequential scan, the same condition is
 * planned again with sequential scans disabled (`psql`, in the database FerretDB uses), and only a
 * scan that stays is a problem.
 */
export async function indexProblems<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  indexKey: Record<string, 1 | -1>,
  options: FindOptions = {},
): Promise<{ plan: QueryPlan; problems: string[] }> {
  const problems: string[] = [];
  const indexes = await collection.indexes();
  if (!indexes.some((i) => JSON.stringify(i.key) === JSON.stringify(indexKey)))
    problems.push(`no index ${JSON.stringify(indexKey)} on ${collection.collectionName}`);
  if (!asksByEquality(filter as Record<string, unknown>, indexKey))
    problems.push(`filter ${JSON.stringify(filter)} does not ask ${Object.keys(indexKey).join(', ')} by equality`);
  const plan = await explainFind(collection, filter, options);
  if (plan.server === 'mongodb' && (!plan.index || plan.stages.includes('COLLSCAN')))
    problems.push(`MongoDB plan ${plan.stages.join(' < ')} scans the collection`);
  if (plan.server === 'ferretdb' && plan.backend === 'postgresql') {
    if (!plan.filterPushdown) problems.push('FerretDB did not push the filter down');
    else problems.push(...(await postgresProblems(collection, plan.scans)));
  }
  return { plan, problems };
}

async function postgresProblems(collection: object, scans: PostgresScan[]): Promise<string[]> {
  const problems: string[] = [];
  for (const scan of scans.filter((s) => s.node.endsWith('Seq Scan') && s.relation && s.schema)) {
    if (!scan.condition) {
      problems.push(`PostgreSQL reads table ${scan.schema}.${scan.relation} whole, with no condition`);
      continue;
    }
    const sql = `SELECT 1 FROM ${quoteIdent(scan.schema!)}.${quoteIdent(scan.relation!)} WHERE ${scan.condition}`;
    let replanned: PostgresScan[];
    try {
      const out = await psql(ferretDbPostgresUrl(collection), `SET enable_seqscan = off;\nEXPLAIN (FORMAT JSON) ${sql};`);
      replanned = postgresScans((JSON.parse(out) as Document[])[0]?.Plan);
    } catch (err) {
      problems.push(
        `PostgreSQL scans ${scan.schema}.${scan.relation} by ${scan.condition}, and asking it whether an index could serve that failed: ${(err as Error).message}`,
      );
      continue;
    }
    if (replanned.some((s) => s.node.endsWith('Seq Scan')))
      problems.push(
        `no PostgreSQL index serves ${scan.condition} on ${scan.schema}.${scan.relation} (its plan stays a sequential scan; infra/ferretdb/start.sh installs the companion indexes, infra/README.md)`,
      );
  }
  return problems;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The PostgreSQL database of the FerretDB the collection talks to: from the server process's
 * `--postgresql-url` when it runs on this machine, else infra/ferretdb/start.sh's convention
 * (database `ferretdb_<port>` on FERRETDB_PG_HOST:FERRETDB_PG_PORT).
 */
function ferretDbPostgresUrl(collection: object): string {
  const c = collection as unknown as {
    client?: { options?: { hosts?: { port?: number }[] } };
    conn?: { client?: { options?: { hosts?: { port?: number }[] } } };
  };
  const hosts = c.client?.options?.hosts ?? c.conn?.client?.options?.hosts;
  const port = String(hosts?.[0]?.port ?? new URL(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/').port);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.some((a) => a.endsWith(`--listen-addr=127.0.0.1:${port}`) || a.endsWith(`--listen-addr=localhost:${port}`))) continue;
      const url = args.find((a) => a.startsWith('--postgresql-url='))?.slice('--postgresql-url='.length);
      // psql (libpq) refuses pgx's pool parameters.
      if (url) return url.replace(/\?.*$/, '');
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  const e = process.env;
  return `postgres://${e.FERRETDB_PG_USER ?? 'postgres'}@${e.FERRETDB_PG_HOST ?? '127.0.0.1'}:${e.FERRETDB_PG_PORT ?? '5432'}/ferretdb_${port}`;
}

function psql(url: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('psql', ['-X', '-w', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url], { timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr.trim() || err.message)) : resolve(stdout),
    );
    child.stdin?.end(script);
  });
}
