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
 * The filter asks each field of the index by equality with a scalar at its top level, the one
 * kind of condition FerretDB 1.24 hands to its backend (other conditions beside them are filtered
 * by the server in the small set those select).
 */
export function asksByEquality(filter: Record<string, unknown>, indexKey: Record<string, unknown>): boolean {
  return Object.keys(indexKey).every((key) => !key.includes('.') && ['string', 'number', 'boolean'].includes(typeof filter[key]));
}

/**
 * What keeps a query from being served by the index `indexKey`, as a list (empty: served): the
 * index exists; the filter asks its fields by scalar equality; MongoDB's plan scans an index and
 * no collection; FerretDB on PostgreSQL reports the filter pushed down.
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
  if (plan.server === 'ferretdb' && plan.backend === 'postgresql' && !plan.filterPushdown) problems.push('FerretDB did not push the filter down');
  return { plan, problems };
}
