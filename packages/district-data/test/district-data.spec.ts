import { audienceLabels, centreProfileLabels, directionLabels, eventKindLabels, organizationKindLabels } from '@tochka/contracts';
import {
  agreementByKey,
  agreements,
  DEMO_PASSWORD_ENV,
  DEV_DEMO_PASSWORD,
  demoUsers,
  festivals,
  organizationByKey,
  organizations,
  planEvents,
  type AgreementSeed,
  type OrganizationSeed,
  type PlanEventSeed,
} from '../src';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const CYRILLIC = /[А-Яа-яЁё]/;

const org = (key: string): OrganizationSeed => {
  const found = organizationByKey(key);
  if (!found) throw new Error(`unknown organisation ${key}`);
  return found;
};
const dateOf = (localTime: string): string => localTime.slice(0, 10);
/** Minutes since the epoch of a local time string; the zone is the same for all, so comparisons hold. */
const minutes = (localTime: string): number => Date.parse(`${localTime}:00Z`) / 60_000;
const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Agreements whose parties are exactly this set (order-insensitive). */
const withParties = (...keys: string[]): AgreementSeed[] =>
  agreements.filter((a) => a.parties.length === keys.length && keys.every((k) => a.parties.includes(k)));

/** Public holidays and school breaks of the Kuban 2022–2023 school year (no events then). */
const NON_SCHOOL_DAYS: Array<[string, string]> = [
  ['2022-10-29', '2022-11-06'], // autumn break incl. 4 November
  ['2022-12-29', '2023-01-08'], // winter break
  ['2023-02-23', '2023-02-24'],
  ['2023-03-08', '2023-03-08'],
  ['2023-03-25', '2023-04-02'], // spring break
];

describe('organizations', () => {
  it('have unique keys and Russian names, .test e-mails and rooms with unique keys', () => {
    const keys = organizations.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of organizations) {
      expect(o.fullName).toMatch(CYRILLIC);
      expect(o.shortName).toMatch(CYRILLIC);
      expect(o.settlement).toMatch(CYRILLIC);
      expect(o.address).toMatch(CYRILLIC);
      expect(o.head.name).toMatch(CYRILLIC);
      expect(o.head.email).toMatch(/^[^@\s]+@[^@\s]+\.test$/);
      const roomKeys = o.rooms.map((r) => r.key);
      expect(new Set(roomKeys).size).toBe(roomKeys.length);
      for (const r of o.rooms) {
        expect(r.name).toMatch(CYRILLIC);
        expect(r.capacity).toBeGreaterThan(0);
      }
      // Only centres carry the centre block.
      expect(Boolean(o.centre)).toBe(o.kind === 'growth_point_centre');
    }
  });

  it('include every organisation of the district table with the documented kinds and facts', () => {
    const expectKind = (key: string, kind: OrganizationSeed['kind']) => expect(org(key).kind).toBe(kind);
    expectKind('uo', 'authority');
    expectKind('mk-moshr', 'methodical_service');
    for (const k of ['sosh-5', 'sosh-9', 'sosh-3', 'sosh-2', 'sosh-7', 'sosh-1', 'sosh-6', 'sosh-12', 'sosh-13']) {
      expectKind(k, 'growth_point_centre');
      expect(org(k).rooms.length).toBeGreaterThan(0);
    }
    for (const k of ['sosh-8', 'sosh-10', 'sosh-11', 'sosh-27']) expectKind(k, 'school');
    for (const k of ['ds-5', 'ds-9']) expectKind(k, 'kindergarten');
    for (const k of ['tos-veteranov', 'kvantorium']) expectKind(k, 'partner');
    expect(organizations).toHaveLength(19);

    expect(org('sosh-5').centre).toEqual({ profile: 'digital_humanitarian', openedYear: 2019 });
    expect(org('sosh-9').centre?.openedYear).toBe(2019);
    expect(org('sosh-3').centre).toEqual({ profile: 'digital_humanitarian', openedYear: 2020 });
    expect(org('sosh-2').centre).toEqual({ profile: 'science_technological', openedYear: 2021 });
    expect(org('sosh-7').centre?.openedYear).toBe(2021);
    for (const k of ['sosh-1', 'sosh-6', 'sosh-12', 'sosh-13']) expect(org(k).centre?.openedYear).toBe(2022);

    expect(org('sosh-5').head.name).toBe('Тымченко О.Ю.');
    expect(org('sosh-3').head.name).toBe('Кутовая Е.И.');
    expect(org('sosh-5').settlement).toBe('ст. Старощербиновская');
    expect(org('sosh-9').settlement).toBe('ст. Новощербиновская');
    expect(org('sosh-10').settlement).toBe('ст. Новощербиновская');
    expect(org('sosh-7').settlement).toBe('с. Ейское Укрепление');
    expect(org('sosh-10').shortName).toContain('С.И. Холодова');
    expect(org('sosh-27').shortName).toContain('А.В. Александрова');
    expect(org('sosh-27').settlement).toContain('Комсомолец');
    // The zones of the centre of СОШ № 3 named in the documents.
    expect(org('sosh-3').rooms.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Кабинет информатики', 'Проектная комната с медиазоной', 'Кабинет ОБЖ', 'Шахматная зона']),
    );
    for (const k of ['ds-5', 'ds-9']) expect(org(k).rooms.map((r) => r.name)).toContain('Музыкальный зал');
  });

  it('are found by key', () => {
    expect(organizationByKey('sosh-5')?.shortName).toBe('МБОУ СОШ № 5 им. И.П. Рыбина');
    expect(organizationByKey('nope')).toBeUndefined();
  });
});

describe('agreements', () => {
  it('are exactly 25 with unique keys and numbers', () => {
    expect(agreements).toHaveLength(25);
    expect(new Set(agreements.map((a) => a.key)).size).toBe(25);
    expect(new Set(agreements.map((a) => a.number)).size).toBe(25);
    expect(agreementByKey('sv-2022-01')?.number).toBe('СВ-2022/01');
    expect(agreementByKey('nope')).toBeUndefined();
  });

  it('name known, distinct parties with a responsible person each', () => {
    for (const a of agreements) {
      expect(a.title).toMatch(CYRILLIC);
      expect(a.parties.length).toBeGreaterThanOrEqual(2);
      expect(new Set(a.parties).size).toBe(a.parties.length);
      for (const p of a.parties) expect(organizationByKey(p)).toBeDefined();
      expect(Object.keys(a.responsible).sort()).toEqual([...a.parties].sort());
      for (const [key, person] of Object.entries(a.responsible)) {
        expect(organizationByKey(key)).toBeDefined();
        expect(person.name).toMatch(CYRILLIC);
      }
      expect(a.directions.length).toBeGreaterThan(0);
      expect(new Set(a.directions).size).toBe(a.directions.length);
      for (const d of a.directions) expect(directionLabels[d]).toBeDefined();
    }
  });

  it('have valid dates: signed after the working group, in force on 1 December 2022 and through the school year', () => {
    for (const a of agreements) {
      for (const d of [a.validFrom, a.validTo, a.signedOn]) expect(d).toMatch(DATE);
      expect(a.validFrom > '2022-10-06').toBe(true);
      expect(a.validFrom <= '2022-12-01').toBe(true);
      expect(a.validTo >= '2023-05-31').toBe(true);
      expect(a.signedOn >= '2022-10-07').toBe(true);
      expect(a.signedOn <= a.validFrom).toBe(true);
    }
  });

  it('include the five documented pairs, not illustrative, with the documented directions', () => {
    const documented: Array<[string, string, string[]]> = [
      ['sosh-3', 'ds-5', ['robotics', 'traffic_safety']],
      ['sosh-5', 'ds-9', ['career_guidance', 'lego', 'robotics']],
      ['sosh-5', 'sosh-9', ['chess', 'health']],
      ['sosh-9', 'sosh-10', ['career_guidance']],
      ['sosh-5', 'sosh-27', ['lego', 'vr_ar']],
    ];
    for (const [a, b, directions] of documented) {
      const found = withParties(a, b);
      expect(found).toHaveLength(1);
      expect(found[0].illustrative).toBe(false);
      expect(found[0].directions).toEqual(expect.arrayContaining(directions));
    }
    expect(agreements.filter((a) => !a.illustrative)).toHaveLength(5);
  });

  it('cover every centre and both kindergartens, with multi-party, ТОС Ветеранов and «Кванториум» agreements', () => {
    const involved = new Set(agreements.flatMap((a) => a.parties));
    for (const o of organizations.filter((x) => x.kind === 'growth_point_centre' || x.kind === 'kindergarten')) {
      expect(involved.has(o.key)).toBe(true);
    }
    expect(agreements.some((a) => a.parties.length === 3)).toBe(true);
    expect(agreements.some((a) => a.parties.includes('tos-veteranov') && a.directions.includes('digital_literacy'))).toBe(true);
    expect(agreements.some((a) => a.parties.includes('kvantorium'))).toBe(true);
    for (const planned of ['sosh-8', 'sosh-10', 'sosh-11']) expect(involved.has(planned)).toBe(true);
  });
});

describe('festival', () => {
  it('is «Траектория успеха — «Точка роста»», 17–28 April 2023', () => {
    expect(festivals).toHaveLength(1);
    const [f] = festivals;
    expect(f.name).toBe('Траектория успеха — «Точка роста»');
    expect(f.startDate).toBe('2023-04-17');
    expect(f.endDate).toBe('2023-04-28');
    expect(f.description).toContain('защита');
    expect(f.description).toContain('благодарственные письма');
  });
});

describe('plan events', () => {
  it('have unique keys, Russian texts and a known host and venue', () => {
    expect(planEvents.length).toBeGreaterThanOrEqual(35);
    expect(planEvents.length).toBeLessThanOrEqual(50);
    expect(new Set(planEvents.map((e) => e.key)).size).toBe(planEvents.length);
    for (const e of planEvents) {
      expect(e.title).toMatch(CYRILLIC);
      expect(e.description).toMatch(CYRILLIC);
      expect(eventKindLabels[e.kind]).toBeDefined();
      expect(directionLabels[e.direction]).toBeDefined();
      const host = org(e.host);
      expect(host.rooms.map((r) => r.key)).toContain(e.venue);
      expect(e.audience.length).toBeGreaterThan(0);
      for (const a of e.audience) expect(audienceLabels[a]).toBeDefined();
      expect(new Set(e.partners).size).toBe(e.partners.length);
      expect(e.partners).not.toContain(e.host);
      for (const p of e.partners) expect(organizationByKey(p)).toBeDefined();
    }
  });

  it('are on school days of November 2022 – April 2023 at realistic hours', () => {
    for (const e of planEvents) {
      expect(e.start).toMatch(LOCAL_TIME);
      expect(e.end).toMatch(LOCAL_TIME);
      expect(minutes(e.end)).toBeGreaterThan(minutes(e.start));
      expect(dateOf(e.end)).toBe(dateOf(e.start));
      const day = dateOf(e.start);
      expect(day >= '2022-11-01' && day <= '2023-04-30').toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(day));
      for (const [from, to] of NON_SCHOOL_DAYS) expect(day >= from && day <= to).toBe(false);
      expect(e.start.slice(11) >= '08:00').toBe(true);
      expect(e.end.slice(11) <= '18:00').toBe(true);
    }
  });

  it('with partners run under an agreement of host and partners, valid on the date and of the same direction', () => {
    for (const e of planEvents) {
      if (e.partners.length === 0) continue;
      const agreement = e.agreement ? agreementByKey(e.agreement) : undefined;
      expect({ event: e.key, agreement: agreement?.key }).toEqual({ event: e.key, agreement: e.agreement });
      if (!agreement) throw new Error(`${e.key}: no agreement`);
      for (const party of [e.host, ...e.partners]) {
        expect({ event: e.key, party, isParty: agreement.parties.includes(party) }).toEqual({ event: e.key, party, isParty: true });
      }
      const day = dateOf(e.start);
      expect(day >= agreement.validFrom && day <= agreement.validTo).toBe(true);
      expect({ event: e.key, direction: agreement.directions.includes(e.direction) }).toEqual({ event: e.key, direction: true });
    }
    // A few internal events of one centre, without partners and without an agreement.
    const internal = planEvents.filter((e) => e.partners.length === 0);
    expect(internal.length).toBeGreaterThanOrEqual(2);
    for (const e of internal) expect(e.agreement).toBeUndefined();
  });

  it('never overlap in one venue', () => {
    const byVenue = new Map<string, PlanEventSeed[]>();
    for (const e of planEvents) {
      const k = `${e.host}/${e.venue}`;
      byVenue.set(k, [...(byVenue.get(k) ?? []), e]);
    }
    for (const [venue, events] of byVenue) {
      const sorted = [...events].sort((a, b) => minutes(a.start) - minutes(b.start));
      for (let i = 1; i < sorted.length; i++) {
        expect({ venue, next: sorted[i].key, overlaps: minutes(sorted[i].start) < minutes(sorted[i - 1].end) }).toEqual({
          venue,
          next: sorted[i].key,
          overlaps: false,
        });
      }
    }
  });

  it('master classes have a capacity that fits the room', () => {
    for (const e of planEvents) {
      if (e.kind === 'master_class') expect(e.capacity?.seats ?? e.capacity?.groups).toBeGreaterThan(0);
      if (e.capacity?.seats) {
        const room = org(e.host).rooms.find((r) => r.key === e.venue);
        expect({ event: e.key, fits: e.capacity.seats <= (room?.capacity ?? 0) }).toEqual({ event: e.key, fits: true });
      }
    }
  });

  it('the festival programme lies within the festival, with one opening and one closing «Защита эмблем»', () => {
    const festival = festivals[0];
    const program = planEvents.filter((e) => e.festival !== undefined);
    expect(program.length).toBeGreaterThanOrEqual(8);
    for (const e of program) {
      expect(e.festival).toBe(festival.key);
      const day = dateOf(e.start);
      expect(day >= festival.startDate && day <= festival.endDate).toBe(true);
    }
    expect(new Set(program.map((e) => e.host)).size).toBeGreaterThanOrEqual(5);
    const openings = planEvents.filter((e) => e.kind === 'festival_opening');
    const closings = planEvents.filter((e) => e.kind === 'festival_closing');
    expect(openings).toHaveLength(1);
    expect(closings).toHaveLength(1);
    expect(openings[0].festival).toBe(festival.key);
    expect(closings[0].festival).toBe(festival.key);
    expect(dateOf(openings[0].start)).toBe(festival.startDate);
    expect(dateOf(closings[0].start)).toBe(festival.endDate);
    expect(closings[0].title).toContain('Защита эмблем центров «Точка роста»');
    // Events outside the festival carry no festival key.
    for (const e of planEvents.filter((x) => !x.festival)) {
      const day = dateOf(e.start);
      expect(day >= festival.startDate && day <= festival.endDate).toBe(false);
    }
  });

  it('contain every activity named in the documents', () => {
    const find = (pred: (e: PlanEventSeed) => boolean) => planEvents.filter(pred);
    const belayaLadya = find((e) => e.title.includes('Белая ладья'));
    expect(belayaLadya.length).toBeGreaterThanOrEqual(1);
    for (const e of belayaLadya) {
      expect(e.host).toBe('sosh-5');
      expect(e.partners).toContain('sosh-9');
      expect(e.direction).toBe('chess');
    }
    const kvilt = find((e) => e.title.includes('Часы здоровья'));
    expect(kvilt.length).toBeGreaterThanOrEqual(1);
    for (const e of kvilt) expect([e.host, ...e.partners].sort()).toEqual(['sosh-5', 'sosh-9']);

    const robots = find((e) => e.host === 'sosh-3' && e.partners.includes('ds-5') && /робот/i.test(e.title));
    expect(robots.length).toBeGreaterThanOrEqual(1);
    for (const e of robots) {
      expect(e.kind).toBe('master_class');
      expect(e.audience).toContain('preschoolers');
      expect(e.capacity?.seats).toBeGreaterThan(0);
      expect(e.capacity?.groups).toBeGreaterThan(0);
    }
    expect(find((e) => e.host === 'sosh-3' && e.partners.includes('ds-5') && e.direction === 'traffic_safety')).not.toHaveLength(0);

    expect(find((e) => e.host === 'sosh-9' && e.partners.includes('sosh-10') && e.kind === 'excursion')).not.toHaveLength(0);

    const sosh27 = find((e) => [e.host, ...e.partners].includes('sosh-27'));
    expect(sosh27.some((e) => e.direction === 'lego')).toBe(true);
    expect(sosh27.some((e) => e.direction === 'vr_ar')).toBe(true);
    for (const e of sosh27) expect([e.host, ...e.partners].sort()).toEqual(['sosh-27', 'sosh-5']);

    expect(find((e) => e.host === 'sosh-5' && e.partners.includes('ds-9') && e.title.includes('День открытых дверей'))).not.toHaveLength(0);
    expect(find((e) => e.host === 'sosh-5' && e.partners.includes('ds-9') && e.kind === 'master_class')).not.toHaveLength(0);
    expect(find((e) => e.partners.includes('tos-veteranov') && e.audience.includes('pensioners'))).not.toHaveLength(0);
  });

  it('cover the kinds of activities the report lists', () => {
    const kinds = new Set(planEvents.map((e) => e.kind));
    for (const k of [
      'open_lesson',
      'extracurricular_class',
      'tournament',
      'digital_lab',
      'master_class',
      'excursion',
      'seminar',
      'workshop',
      'exhibition',
    ] as const) {
      expect(kinds.has(k)).toBe(true);
    }
  });
});

describe('demo users', () => {
  it('reference existing organisations of the right kinds, with unique .test e-mails', () => {
    const emails = demoUsers.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    const expectedKind = {
      coordinator: 'methodical_service',
      centre_head: 'growth_point_centre',
      kindergarten: 'kindergarten',
    } as const;
    for (const u of demoUsers) {
      expect(u.email).toMatch(/^[^@\s]+@[^@\s]+\.test$/);
      expect(u.name).toMatch(CYRILLIC);
      const o = org(u.organization);
      if (u.role !== 'staff') expect(o.kind).toBe(expectedKind[u.role]);
    }
    expect(demoUsers.filter((u) => u.role === 'coordinator').map((u) => u.organization)).toEqual(['mk-moshr']);
    const centres = organizations.filter((o) => o.kind === 'growth_point_centre').map((o) => o.key);
    const heads = demoUsers.filter((u) => u.role === 'centre_head').map((u) => u.organization);
    expect([...heads].sort()).toEqual([...centres].sort());
    const kindergartens = demoUsers.filter((u) => u.role === 'kindergarten').map((u) => u.organization);
    expect([...kindergartens].sort()).toEqual(['ds-5', 'ds-9']);
    const staff = demoUsers.filter((u) => u.role === 'staff').map((u) => u.organization);
    expect(staff).toEqual(expect.arrayContaining(['sosh-5', 'sosh-3']));
    expect(staff.some((k) => org(k).kind === 'kindergarten')).toBe(true);
    expect(DEMO_PASSWORD_ENV).toBe('DEMO_PASSWORD');
    expect(DEV_DEMO_PASSWORD).toBe('tochka-demo-2022');
  });
});

describe('labels', () => {
  it('are Russian and complete', () => {
    for (const table of [directionLabels, eventKindLabels, organizationKindLabels, centreProfileLabels, audienceLabels]) {
      for (const label of Object.values(table)) expect(label).toMatch(/[А-Яа-яЁё]|VR\/AR|3D/);
    }
    expect(Object.keys(directionLabels)).toHaveLength(20);
    expect(Object.keys(eventKindLabels)).toHaveLength(12);
    expect(directionLabels.robotics).toBe('Робототехника');
    expect(directionLabels.chess).toBe('Шахматы и шашки');
    expect(directionLabels.lego).toBe('ЛЕГО-конструирование');
    expect(directionLabels['3d_modelling']).toBe('3D-моделирование');
    expect(directionLabels.vr_ar).toBe('VR/AR');
    expect(directionLabels.health).toBe('Здоровьесбережение');
    expect(directionLabels.career_guidance).toBe('Ранняя профориентация');
    expect(eventKindLabels.master_class).toBe('Мастер-класс');
    expect(eventKindLabels.open_lesson).toBe('Открытый урок');
  });
});
