import fc from 'fast-check';
import { naming, ServiceName } from '@tochka/contracts';
import { BusProbe, eventually, setUpDistrict, TestEnv, tournament } from '@tochka/testing';
import { Network, startNetwork } from './network';

/**
 * Property-based fuzzing of every route's body and query, generated from the OpenAPI document
 * (which is generated from the routes' zod schemas). Each case starts from the shape the schema
 * describes and breaks it in one way that the schema forbids (a wrong type, an unknown key, an
 * operator or prototype key, a value out of range, a missing required field, a root that is not
 * an object, an unknown or malformed query parameter), sent as the coordinator — the account
 * that may do the most. Every answer must be a 4xx problem document, never 2xx or 5xx, and no
 * event may be published by the whole run: nothing was written.
 *
 * Fixed seed and a bounded number of runs in CI (FUZZ_RUNS, default 12 per route); a longer run:
 *   FUZZ_RUNS=500 FUZZ_SEED=$RANDOM npx jest services/gateway/test/fuzz.spec.ts
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20221101);
const PRODUCERS: ServiceName[] = ['gateway', 'agreements', 'calendar', 'registrations', 'notifications', 'reports'];

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  format?: string;
  pattern?: string;
  const?: unknown;
  additionalProperties?: unknown;
};

/** A plausible value of a schema (the start of a case; it need not be valid itself). */
function plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant('x');
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((s) => plausible(s, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const entries = Object.entries(schema.properties ?? {});
      return fc.record(Object.fromEntries(entries.map(([k, s]) => [k, plausible(s, depth + 1)])), {
        requiredKeys: schema.required ?? [],
      }) as fc.Arbitrary<unknown>;
    }
    case 'array':
      return fc.array(plausible(schema.items, depth + 1), { maxLength: 3 });
    case 'integer':
    case 'number': {
      const min = Math.max(schema.minimum ?? 0, -1e6);
      const max = Math.max(min, Math.min(schema.maximum ?? min + 100, min + 1000));
      return type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'date-time') return fc.constant('2023-04-17T11:00:00.000Z');
      if (schema.format === 'email') return fc.constant('fuzz@ds5.test');
      return fc.string({ minLength: Math.max(1, schema.minLength ?? 1), maxLength: 12 }).map((s) => s.replace(/[^a-z0-9-]/gi, 'a') || 'a');
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value that no schema of this type accepts. */
const wrongTypeFor = (schema: Schema | undefined): fc.Arbitrary<unknown> => {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  const pool: fc.Arbitrary<unknown>[] = [fc.constant(null), fc.constant({ $gt: '' }), fc.constant([[[]]])];
  if (type !== 'string') pool.push(fc.string({ maxLength: 5 }));
  if (type !== 'number' && type !== 'integer') pool.push(fc.double({ noNaN: true }));
  if (type !== 'boolean') pool.push(fc.boolean());
  if (type !== 'object') pool.push(fc.constant({ nested: { deeper: true } }));
  return fc.oneof(...pool);
};

interface Case {
  body?: unknown;
  /** Raw JSON text (for keys JSON.stringify cannot write, like __proto__). */
  raw?: string;
  query?: string;
  why: string;
}

/** One way to break a body of this schema, with the reason it must be refused. */
function brokenBody(schema: Schema): fc.Arbitrary<Case> {
  const props = Object.keys(schema.properties ?? {});
  const breakers: fc.Arbitrary<Case>[] = [
    fc.oneof(fc.constant([]), fc.constant('text'), fc.constant(42), fc.constant(null)).map((body) => ({ body, why: 'root is not an object' })),
    plausible(schema).chain((base) =>
      fc.constantFrom('$set', '$where', 'unknownField', '__proto__', 'constructor').map((key) => {
        const obj = { ...(base as object) };
        const raw = JSON.stringify(obj).replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":true}${Object.keys(obj).length ? ',' : ''}`);
        return { raw, why: `extra key ${key}` };
      }),
    ),
  ];
  if (props.length) {
    breakers.push(
      fc
        .tuple(plausible(schema), fc.constantFrom(...props))
        .chain(([base, key]) =>
          wrongTypeFor(schema.properties![key]).map((bad) => ({ body: { ...(base as object), [key]: bad }, why: `${key} of a wrong type` })),
        ),
    );
  }
  for (const key of schema.required ?? []) {
    breakers.push(
      plausible(schema).map((base) => {
        const { [key]: _dropped, ...rest } = base as Record<string, unknown>;
        return { body: rest, why: `required ${key} missing` };
      }),
    );
  }
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    if (typeof s.maxLength === 'number') {
      breakers.push(
        plausible(schema).map((base) => ({ body: { ...(base as object), [key]: 'я'.repeat(s.maxLength! + 1) }, why: `${key} longer than ${s.maxLength}` })),
      );
    }
    if (typeof s.maximum === 'number') {
      breakers.push(plausible(schema).map((base) => ({ body: { ...(base as object), [key]: s.maximum! + 1 }, why: `${key} above ${s.maximum}` })));
    }
  }
  return fc.oneof(...breakers);
}

/** One way to break a query string of these parameters. */
function brokenQuery(params: { name: string; schema: Schema }[]): fc.Arbitrary<Case> {
  const breakers: fc.Arbitrary<Case>[] = [
    fc.constantFrom('$where=1', 'unknownParam=1', '__proto__[x]=1', 'constructor=1').map((query) => ({ query, why: `unknown parameter ${query}` })),
  ];
  const typed = params.filter((p) => p.schema.type === 'integer' || p.schema.type === 'number' || p.schema.enum || p.schema.format || p.schema.pattern);
  if (typed.length) {
    breakers.push(
      fc.tuple(fc.constantFrom(...typed), fc.constantFrom('NaN', '-1e999', 'абв', '%00', '[]', "' OR 1=1 --")).map(([p, v]) => ({
        query: `${p.name}=${encodeURIComponent(v)}`,
        why: `${p.name}=${v}`,
      })),
    );
  }
  const arrays = params.filter((p) => p.schema.type !== 'array');
  if (arrays.length) {
    breakers.push(fc.constantFrom(...arrays).map((p) => ({ query: `${p.name}[$ne]=1`, why: `${p.name} as an object` })));
  }
  return fc.oneof(...breakers);
}

describe('fuzz: every route refuses what its schema forbids, with a problem document and no write', () => {
  let network: Awaited<ReturnType<typeof startNetwork>>;
  let env: TestEnv;
  let probe: BusProbe;
  let stack: Network;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // No limit on creations: every fuzzed request must reach its validation.
    network = await startNetwork({ CREATE_RATE_LIMIT_PER_MINUTE: 1_000_000 });
    ({ env, stack } = network);
    probe = await BusProbe.connect(env);
    const d = await setUpDistrict(stack);
    token = d.coordinator.token!;
    const event = await d.head5.post('/api/events', tournament(d.agreements.s5ds9, { partners: ['ds-9'], capacity: { seats: 20 } }));
    expect(event.status).toBe(201);
    Object.assign(ids, { event: event.body.event.id, agreement: d.agreements.s5ds9 });
  }, 120_000);

  afterAll(async () => {
    await probe?.close();
    await network?.close();
  });

  const streamHeads = async () => {
    const jsm = await probe.nc.jetstreamManager();
    const heads: Record<string, number> = {};
    for (const p of PRODUCERS) {
      heads[p] = await jsm.streams.info(naming.streamName(env.prefix, p)).then(
        (i) => i.state.last_seq,
        () => 0,
      );
    }
    return heads;
  };

  it('never answers 2xx or 5xx, always a Russian problem document, and publishes nothing', async () => {
    const doc = (await fetch(`${stack.gateway.url}/api/docs-json`).then((r) => r.json())) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
      >;
    };
    // Let everything the set-up wrote be published first.
    let before = await streamHeads();
    await eventually(
      async () => {
        const now = await streamHeads();
        const settled = JSON.stringify(now) === JSON.stringify(before);
        before = now;
        return settled;
      },
      30_000,
      2500,
    );

    const failures: string[] = [];
    let requests = 0;
    let routes = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (template === '/api/auth/login' || template.startsWith('/ical/') || template === '/health') continue; // public: the hardening and throttle suites
        const json = op.requestBody?.content['application/json']?.schema;
        const query = (op.parameters ?? []).filter((p) => p.in === 'query');
        const arbitraries: fc.Arbitrary<Case>[] = [];
        if (json) arbitraries.push(brokenBody(json));
        if (query.length) arbitraries.push(brokenQuery(query));
        if (!arbitraries.length) continue;
        routes++;
        const path = template
          .replace(/^\/api\/organizations\/\{id\}/, '/api/organizations/sosh-5')
          .replace(/^\/api\/agreements\/\{id\}/, `/api/agreements/${ids.agreement}`)
          .replace(/^\/api\/events\/\{id\}/, `/api/events/${ids.event}`)
          .replace(/\{id\}/, '64b000000000000000000001');
        await fc.assert(
          fc.asyncProperty(fc.oneof(...arbitraries), async (c) => {
            const url = `${stack.gateway.url}${path}${c.query ? `?${c.query}` : ''}`;
            const hasBody = ['post', 'put', 'patch'].includes(method);
            const text = c.raw ?? (c.body !== undefined ? JSON.stringify(c.body) : hasBody ? '{}' : undefined);
            const res = await fetch(url, {
              method: method.toUpperCase(),
              headers: { authorization: `Bearer ${token}`, ...(text !== undefined ? { 'content-type': 'application/json' } : {}) },
              body: text,
            });
            requests++;
            const answer = await res.text();
            const problem = /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');
            const ok = res.status >= 400 && res.status < 500 && problem && /[а-яё]/i.test(answer);
            if (!ok) failures.push(`${method.toUpperCase()} ${template} (${c.why}): ${res.status} ${answer.slice(0, 200)}`);
            return true; // collect every failure rather than stop (and shrink) at the first
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    }
    const after = await streamHeads();
    if (process.env.FUZZ_REPORT) process.stdout.write(`fuzz: ${routes} routes, ${requests} requests, ${failures.length} failures\n`);
    expect(failures).toEqual([]);
    // Nothing was written: no service published anything during the run.
    expect(after).toEqual(before);
  }, 600_000);
});
