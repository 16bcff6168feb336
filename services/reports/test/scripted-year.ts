import { Actor, agreementRpcs, calendarRpcs, registrationRpcs } from '@tochka/contracts';
import { organizationByKey } from '@tochka/district-data';
import { RpcClient } from '@tochka/messaging';
import { eventually, ManualClock } from '@tochka/testing';

export const COORDINATOR: Actor = { userId: 'metodist-1', role: 'coordinator', organizationId: 'mk-moshr' };
export const HEAD3: Actor = { userId: 'head-sosh3', role: 'centre_head', organizationId: 'sosh-3' };
export const HEAD5: Actor = { userId: 'head-sosh5', role: 'centre_head', organizationId: 'sosh-5' };
export const DS5: Actor = { userId: 'zav-ds5', role: 'kindergarten', organizationId: 'ds-5' };

export const ORGS = ['uo', 'mk-moshr', 'sosh-3', 'sosh-5', 'ds-5'];
const msk = (local: string) => new Date(`${local}:00+03:00`).toISOString();

/** The district's organisations as they are in the data, registered through the agreements service. */
export async function registerOrganizations(rpc: RpcClient): Promise<void> {
  for (const key of ORGS) {
    const { key: id, illustrative: _i, ...org } = organizationByKey(key)!;
    await rpc.request(agreementRpcs.registerOrganization, { actor: COORDINATOR, organization: { id, ...org } });
  }
}

/** Two agreements signed on paper: СОШ № 3 with д/с № 5 (used), СОШ № 5 with СОШ № 3 (never used). */
export async function importAgreements(rpc: RpcClient): Promise<{ a1: string; a2: string }> {
  const person = (name: string) => ({ name, position: 'Руководитель' });
  const a1 = await rpc.request(agreementRpcs.import, {
    actor: COORDINATOR,
    agreement: {
      number: 'СВ-2022/31',
      title: 'Соглашение о сетевом взаимодействии СОШ № 3 и детского сада № 5',
      parties: [
        { organizationId: 'sosh-3', responsible: person('Кутовая Е.И.') },
        { organizationId: 'ds-5', responsible: person('Савченко Л.А.') },
      ],
      directions: ['robotics', 'career_guidance'],
      validFrom: '2022-10-10',
      validTo: '2023-08-31',
    },
    signedOn: { 'sosh-3': '2022-10-07', 'ds-5': '2022-10-07' },
  });
  const a2 = await rpc.request(agreementRpcs.import, {
    actor: COORDINATOR,
    agreement: {
      number: 'СВ-2022/32',
      title: 'Соглашение о сетевом взаимодействии СОШ № 5 и СОШ № 3',
      parties: [
        { organizationId: 'sosh-5', responsible: person('Тымченко О.Ю.') },
        { organizationId: 'sosh-3', responsible: person('Кутовая Е.И.') },
      ],
      directions: ['chess'],
      validFrom: '2022-10-10',
      validTo: '2023-08-31',
    },
    signedOn: { 'sosh-5': '2022-10-07', 'sosh-3': '2022-10-07' },
  });
  return { a1: a1.id, a2: a2.id };
}

export interface ScriptedYear {
  festivalId: string;
  ids: Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5' | 'e6', string>;
  agreements: { a1: string; a2: string };
}

/**
 * A small year counted by hand (see reports.spec.ts): six approved events, five of them held, one
 * network master class with two groups of д/с № 5 (8 and 6 children; the first came with 7, the
 * second did not come), a festival with a master class and the closing «Защита эмблем».
 */
export async function scriptYear(rpc: RpcClient, clock: ManualClock): Promise<ScriptedYear> {
  clock.set('2022-10-01T09:00:00Z');
  await registerOrganizations(rpc);
  const agreements = await importAgreements(rpc);
  const festival = await rpc.request(calendarRpcs.createFestival, {
    actor: COORDINATOR,
    key: 'test-festival-2023',
    festival: { name: 'Траектория успеха — «Точка роста»', startDate: '2023-04-17', endDate: '2023-04-28', description: 'Фестиваль центров' },
  });
  const base = { description: '', audience: ['pupils' as const] };
  const known = <T>(command: () => Promise<T>) =>
    eventually(async () => {
      try {
        return await command();
      } catch (err) {
        if ((err as { code?: string }).code === 'unknown_reference') return false;
        throw err;
      }
    });
  const load = (key: string, event: Record<string, unknown>) =>
    known(() => rpc.request(calendarRpcs.import, { actor: COORDINATOR, key, event: { ...base, ...event } as never })).then(
      (r) => (r as { event: { id: string } }).event.id,
    );

  const e1 = await load('t-e1', {
    hostId: 'sosh-3',
    title: 'Мастер-класс «Запуск роботов» для дошкольников',
    kind: 'master_class',
    direction: 'robotics',
    venue: 'project-room',
    start: msk('2022-11-15T10:00'),
    end: msk('2022-11-15T11:00'),
    audience: ['preschoolers'],
    partners: ['ds-5'],
    agreementId: agreements.a1,
    capacity: { seats: 20 },
  });
  const e2 = await load('t-e2', {
    hostId: 'sosh-3',
    title: 'Открытый урок ОБЖ «Юный спасатель»',
    kind: 'open_lesson',
    direction: 'life_safety',
    venue: 'obzh',
    start: msk('2022-12-06T14:00'),
    end: msk('2022-12-06T15:00'),
    partners: [],
  });
  const e3 = await load('t-e3', {
    hostId: 'sosh-5',
    title: 'Шахматный турнир «Белая ладья»',
    kind: 'tournament',
    direction: 'chess',
    venue: 'chess-zone',
    start: msk('2022-11-20T12:00'),
    end: msk('2022-11-20T15:00'),
    partners: [],
  });
  const e4 = await load('t-e4', {
    hostId: 'sosh-3',
    title: 'Экскурсия по центру для воспитанников детского сада № 5',
    kind: 'excursion',
    direction: 'career_guidance',
    venue: 'project-room',
    start: msk('2023-01-17T10:00'),
    end: msk('2023-01-17T11:00'),
    audience: ['preschoolers'],
    partners: ['ds-5'],
    agreementId: agreements.a1,
  });
  const e5 = await load('t-e5', {
    hostId: 'sosh-5',
    title: 'Мастер-класс по ЛЕГО-конструированию',
    kind: 'master_class',
    direction: 'lego',
    venue: 'technology',
    start: msk('2023-04-18T13:00'),
    end: msk('2023-04-18T14:30'),
    partners: [],
    festivalId: festival.id,
  });
  const e6 = await load('t-e6', {
    hostId: 'sosh-3',
    title: 'Закрытие фестиваля: защита эмблем центров «Точка роста»',
    kind: 'festival_closing',
    direction: 'project_work',
    venue: 'project-room',
    start: msk('2023-04-28T11:00'),
    end: msk('2023-04-28T13:00'),
    audience: ['pupils', 'teachers'],
    partners: [],
    festivalId: festival.id,
  });

  // Two groups of д/с № 5 for the master class (registrations learn of it from event.approved).
  const register = (groupName: string, children: number) =>
    eventually(async () => {
      try {
        return await rpc.request(registrationRpcs.create, {
          actor: DS5,
          eventId: e1,
          registration: { groupName, children, adults: [{ name: 'Шевчук О.Н.', phone: '+7 918 000-00-01' }], contactEmail: 'zav@ds5.test' },
        });
      } catch (err) {
        if ((err as { status?: number }).status === 404) return false;
        throw err;
      }
    });
  const r1 = await register('Старшая группа «Солнышко»', 8);
  const r2 = await register('Подготовительная группа «Звёздочка»', 6);

  clock.set('2023-05-02T09:00:00Z');
  const held: [string, number][] = [
    [e1, 7],
    [e2, 15],
    [e3, 12],
    [e5, 10],
    [e6, 30],
  ];
  for (const [id, participants] of held) await rpc.request(calendarRpcs.report, { actor: COORDINATOR, id, participants });
  await rpc.request(registrationRpcs.recordAttendance, {
    actor: HEAD3,
    eventId: e1,
    records: [
      { registrationId: r1.registration.id, attended: true, actualChildren: 7 },
      { registrationId: r2.registration.id, attended: false, actualChildren: 0 },
    ],
  });
  return { festivalId: festival.id, ids: { e1, e2, e3, e4, e5, e6 }, agreements };
}
