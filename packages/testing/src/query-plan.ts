import { Collection, Document, Filter, FindOptions } from 'mongodb';

/**
 * How the database server answers a query, from its own `explain`:
 * - MongoDB: the winning plan's stages; `index` is the key of the index it scans (IXSCAN/IDHACK),
 *   undefined for a collection scan.
 * - FerretDB 1.24: `filterPushdown` says whether it handed the filter to its backend (PostgreSQL
 *   filters there, in SQL) or reads every document and filters in its own code. Its SQLite
 *   backend pushes down no filter at all (measured), so there the plan says nothing.
 */
export type QueryPlan =
  | { server: 'mongodb'; index: Record<string, unknown> | undefined; stages: string[] }
  | { server: 'ferretdb'; backend: 'postgresql' | 'sqlite'; filterPushdown: boolean; plan: unknown };

export async function explainFind<T extends Document>(collection: Collection<T>, filter: Filter<T>, options: FindOptions = {}): Promise<QueryPlan> {
  const explained = (await collection.find(filter, options).explain()) as Document;
  if (explained.serverInfo?.ferretdbVersion) {
    const plan = explained.queryPlanner?.Plan;
    return { server: 'ferretdb', backend: Array.isArray(plan) ? 'sqlite' : 'postgresql', filterPushdown: explained.filterPushdown === true, plan };
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
 * The filter is of the one kind FerretDB 1.24 pushes down: equalities on top-level scalar fields
 * (no operators, no dotted paths, no arrays or documents as values).
 */
export function isScalarEquality(filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => !key.startsWith('$') && !key.includes('.') && ['string', 'number', 'boolean'].includes(typeof value));
}

/** What `expectServedByIndex` checks, as a list of failures (empty: served by the index). */
export async function indexProblems<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  indexKey: Record<string, 1 | -1>,
  options: FindOptions = {},
): Promise<{ plan: QueryPlan; problems: string[] }> {
  const problems: string[] = [];
  const indexes = await collection.indexes();
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(a) === JSON.stringify(b);
  if (!indexes.some((i) => same(i.key, indexKey))) problems.push(`no index ${JSON.stringify(indexKey)} on ${collection.collectionName}`);
  if (!isScalarEquality(filter as Record<string, unknown>)) problems.push(`filter ${JSON.stringify(filter)} is not an equality on scalar fields`);
  const plan = await explainFind(collection, filter, options);
  if (plan.server === 'mongodb' && !(plan.index && same(plan.index, indexKey))) {
    problems.push(`MongoDB plan ${plan.stages.join(' < ')} does not scan ${JSON.stringify(indexKey)}`);
  }
  if (plan.server === 'ferretdb' && plan.backend === 'postgresql' && !plan.filterPushdown) problems.push('FerretDB did not push the filter down');
  return { plan, problems };
}
