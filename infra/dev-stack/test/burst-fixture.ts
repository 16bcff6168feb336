/**
 * A bounded part of the district story for tests that break something during a registration
 * burst: СОШ № 3 and three kindergartens sign an agreement, the coordinator approves a master
 * class of 40 seats, then 30 groups of two children register at once, each client repeating a
 * request that failed (5xx or a lost connection) with the same Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { Api, eventually, organizationBody, SmtpSink } from '@tochka/testing';

export const KINDERGARTENS = ['ds-1', 'ds-2', 'ds-3'];
const GROUPS_EACH = 10;
export const SEATS = 40; // 30 groups of 2 children: 20 confirmed, 10 waitlisted
const HEAD = 'head@sosh3.test';

/** Moscow 10:00 (07:00 UTC) `days` from now. */
export function daysAhead(days: number, hourUtc = 7): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
}

/**
 * POST a creation with an Idempotency-Key, repeated with the same key after a 5xx or a lost
 * connection (a loaded machine answers 504 now and then): created once, whatever happens.
 */
async function createRetrying(api: Api, path: string, body: unknown) {
  const key = randomUUID();
  const deadline = Date.now() + 60_000;
  for (;;) {
    let res: Awaited<ReturnType<Api['post']>> | undefined;
    try {
      res = await api.post(path, body, { 'idempotency-key': key });
    } catch {
      res = undefined;
    }
    if (res && (res.status === 201 || res.status === 200)) return res;
    if (res && res.status < 500) throw new Error(`${path}: ${res.status} ${res.text}`);
    if (Date.now() > deadline) throw new Error(`${path}: ${res?.status ?? 'no answer'} ${res?.text ?? ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface MasterClass {
  eventId: string;
  /** The agreement of СОШ № 3 and the kindergartens, in force for a year: more events may use it. */
  agreementId: string;
  head: Api;
  kinder: Api[];
}

export async function setUpMasterClass(api: Api, coordinator: Api, password: string): Promise<MasterClass> {
  const created = (path: string, body: unknown) => createRetrying(coordinator, path, body);
  await created(
    '/api/organizations',
    organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3', {
      centre: { profile: 'digital_humanitarian', openedYear: 2021 },
      rooms: [{ key: 'hall', name: 'Актовый зал', capacity: 60 }],
    }),
  );
  await created('/api/users', { email: HEAD, name: 'Кутовая Е.И.', role: 'centre_head', organizationId: 'sosh-3', password });
  for (const id of KINDERGARTENS) {
    await created('/api/organizations', organizationBody(id, 'kindergarten', `МБДОУ д/с № ${id.slice(3)}`));
    await created('/api/users', { email: `${id}@kinder.test`, name: `Методист ${id}`, role: 'kindergarten', organizationId: id, password });
  }
  const head = await api.login(HEAD, password);
  const kinder = await Promise.all(KINDERGARTENS.map((id) => api.login(`${id}@kinder.test`, password)));

  const draft = await createRetrying(head, '/api/agreements', {
    number: 'СВ-ТЕСТ/1',
    title: 'Соглашение о сетевом взаимодействии: техническое творчество',
    parties: [
      { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } },
      ...KINDERGARTENS.map((id) => ({ organizationId: id, responsible: { name: `Методист ${id}` } })),
    ],
    directions: ['robotics'],
    validFrom: daysAhead(-30).slice(0, 10),
    validTo: daysAhead(300).slice(0, 10),
  });
  const agreementId = draft.body.id as string;
  for (const [who, path] of [[head, 'propose'], [head, 'sign'], ...kinder.map((k) => [k, 'sign'] as const)] as const) {
    const res = await who.post(`/api/agreements/${agreementId}/${path}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  }
  const proposed = await eventually(async () => {
    const res = await head.post('/api/events', {
      hostId: 'sosh-3',
      title: 'Мастер-класс «Роботы-помощники»',
      description: 'Собираем роботов из конструктора вместе с воспитанниками детских садов.',
      kind: 'master_class',
      direction: 'robotics',
      venue: 'hall',
      start: daysAhead(12),
      end: daysAhead(12, 9),
      audience: ['preschoolers'],
      partners: KINDERGARTENS,
      agreementId,
      capacity: { seats: SEATS },
    });
    return res.status === 201 ? res : undefined; // the calendar learns of the agreement from its events
  }, 20_000);
  const eventId = proposed.body.event.id as string;
  const approved = await coordinator.post(`/api/events/${eventId}/approve`, {});
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.text}`);
  // Registrations learn of the approval from the calendar's event: the burst starts once they open
  // (the host sees its ledger while the event is still a proposal, so a 200 alone says nothing).
  await eventually(async () => {
    const res = await head.get(`/api/events/${eventId}/registrations`);
    return res.status === 200 && res.body.availability?.open === true;
  }, 30_000);
  return { eventId, agreementId, head, kinder };
}

export interface Registered {
  id: string;
  status: string;
  groupName: string;
  contactEmail: string;
}

/**
 * The burst: every group at once. `onAccepted(n)` is called after the n-th acceptance (where
 * the test breaks something). Resolves with what each kindergarten was told, and the retries.
 */
export async function registrationBurst(mc: MasterClass, onAccepted: (n: number) => void): Promise<{ results: Registered[]; retries: number }> {
  const wanted = KINDERGARTENS.flatMap((id, k) =>
    Array.from({ length: GROUPS_EACH }, (_, g) => ({
      k,
      key: randomUUID(),
      body: {
        groupName: `группа ${id}-${g + 1}`,
        children: 2,
        ageBand: '5–6 лет',
        adults: [{ name: 'Воспитатель', phone: '+7 918 000-00-00' }],
        contactEmail: `g${g + 1}@${id}.test`,
      },
    })),
  );
  let accepted = 0;
  let retries = 0;
  const register = async (r: (typeof wanted)[number]): Promise<Registered> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      let status = 0;
      let body: { id?: string; status?: string } | undefined;
      try {
        const res = await mc.kinder[r.k]!.post(`/api/events/${mc.eventId}/registrations`, r.body, { 'idempotency-key': r.key });
        status = res.status;
        body = res.body as typeof body;
      } catch {
        status = 0; // connection lost
      }
      if (status === 201 || status === 200) {
        accepted += 1;
        onAccepted(accepted);
        return { id: body!.id!, status: body!.status!, groupName: r.body.groupName, contactEmail: r.body.contactEmail };
      }
      if (status !== 0 && status < 500) throw new Error(`registration ${r.body.groupName}: ${status} ${JSON.stringify(body)}`);
      if (Date.now() > deadline) throw new Error(`registration ${r.body.groupName} not accepted within 90 s (last ${status})`);
      retries += 1;
      await new Promise((res) => setTimeout(res, 500));
    }
  };
  const results = await Promise.all(wanted.map(register));
  return { results, retries };
}

/**
 * What users see after the burst: each group once with the outcome it was told, the capacity
 * held, the waitlist 1..n, one mail per contact about its group, no mail twice.
 */
export async function expectNothingLostOrDuplicated(mc: MasterClass, results: Registered[], sink: SmtpSink): Promise<void> {
  const list = await eventually(async () => {
    const res = await mc.head.get(`/api/events/${mc.eventId}/registrations?limit=100`);
    return res.status === 200 ? res : undefined;
  });
  const items = (list.body.items ?? list.body) as { id: string; groupName: string; status: string; children: number; waitlistPosition?: number }[];
  expect(items).toHaveLength(results.length);
  expect(new Set(items.map((i) => i.groupName)).size).toBe(results.length);
  expect(new Set(items.map((i) => i.id))).toEqual(new Set(results.map((r) => r.id)));
  const confirmed = items.filter((i) => i.status === 'confirmed');
  expect(confirmed.reduce((n, i) => n + i.children, 0)).toBe(SEATS);
  const waitlist = items
    .filter((i) => i.status === 'waitlisted')
    .map((i) => i.waitlistPosition!)
    .sort((a, b) => a - b);
  expect(waitlist).toEqual(Array.from({ length: results.length - SEATS / 2 }, (_, i) => i + 1));
  for (const r of results) expect(items.find((i) => i.id === r.id)!.status).toBe(r.status);

  for (const r of results) {
    await sink.waitFor((m) => m.envelope.to.includes(r.contactEmail) && /зарегистрирована|в листе ожидания/.test(m.parsed.subject ?? ''), {
      timeoutMs: 60_000,
    });
  }
  await new Promise((r) => setTimeout(r, 3000));
  const seen = new Map<string, number>();
  for (const m of sink.messages) for (const to of m.envelope.to) seen.set(`${to} | ${m.parsed.subject}`, (seen.get(`${to} | ${m.parsed.subject}`) ?? 0) + 1);
  expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
}
