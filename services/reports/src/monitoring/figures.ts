import { Agreement, agreementValidOn, CalendarEvent, Direction, directionLabels, EventKind, Figures, MonitoringReport, Organization } from '@tochka/contracts';
import { RegistrationTotals } from '../read-models/models';
import { monthLabel, moscowMonth, Period } from '../school-year';

/**
 * The figures are what the system recorded, nothing else: held events (with a report), their
 * registrations (confirmed groups) and the attendance the hosts recorded.
 */
export const MONITORING_NOTE =
  'Показатели подсчитаны системой по её данным: проведённые мероприятия (с отчётом о проведении), ' +
  'подтверждённые записи групп на них и отметки о посещении. Охват программами дополнительного образования ' +
  '(например, 1 564 обучающихся в 2022–2023 году по отчёту методической службы) система не ведёт и не подсчитывает.';

class Tally {
  events = 0;
  network = 0;
  byKind: Partial<Record<EventKind, number>> = {};
  groupsRegistered = 0;
  childrenRegistered = 0;
  groupsAttended = 0;
  childrenAttended = 0;
  participantsReported = 0;
  partners = new Set<string>();

  add(e: CalendarEvent, regs: RegistrationTotals | undefined): void {
    this.events++;
    if (e.partners.length) this.network++;
    this.byKind[e.kind] = (this.byKind[e.kind] ?? 0) + 1;
    for (const p of e.partners) this.partners.add(p.organizationId);
    this.participantsReported += e.report?.participants ?? 0;
    if (!regs) return;
    this.groupsRegistered += regs.groups;
    this.childrenRegistered += regs.children;
    this.groupsAttended += regs.groupsAttended;
    this.childrenAttended += regs.childrenAttended;
  }

  figures(): Figures {
    return {
      eventsHeld: this.events,
      networkEvents: this.network,
      byKind: this.byKind as Figures['byKind'],
      groupsRegistered: this.groupsRegistered,
      childrenRegistered: this.childrenRegistered,
      groupsAttended: this.groupsAttended,
      childrenAttended: this.childrenAttended,
      participantsReported: this.participantsReported,
      partnersInvolved: this.partners.size,
    };
  }
}

export interface MonitoringInput {
  period: Period;
  schoolYear?: string;
  /** Only this centre's events (as host) and agreements (as party). */
  org?: Organization;
  events: CalendarEvent[];
  /** Confirmed registrations summed per event id. */
  registrations: Map<string, RegistrationTotals>;
  agreements: Agreement[];
  organizations: Map<string, Organization>;
}

function key<K extends string>(map: Map<K, Tally>, k: K): Tally {
  return map.get(k) ?? map.set(k, new Tally()).get(k)!;
}

export function monitoringReport(input: MonitoringInput): MonitoringReport {
  const held = input.events.filter((e) => e.status === 'held' && (!input.org || e.host.organizationId === input.org.id));
  const total = new Tally();
  const byCentre = new Map<string, Tally>();
  const byMonth = new Map<string, Tally>();
  const byDirection = new Map<Direction, Tally>();
  // Every centre has a line, also one that held nothing: that is worth seeing too.
  for (const o of input.organizations.values()) if (o.kind === 'growth_point_centre' && (!input.org || o.id === input.org.id)) key(byCentre, o.id);
  const used = new Map<string, number>();
  for (const e of held) {
    const regs = input.registrations.get(e.id);
    total.add(e, regs);
    key(byCentre, e.host.organizationId).add(e, regs);
    key(byMonth, moscowMonth(e.start)).add(e, regs);
    key(byDirection, e.direction).add(e, regs);
    if (e.agreementId) used.set(e.agreementId, (used.get(e.agreementId) ?? 0) + 1);
  }
  const agreements = input.agreements
    .filter((a) => activeDuring(a, input.period) && (!input.org || a.parties.some((p) => p.organizationId === input.org!.id)))
    .sort((a, b) => a.number.localeCompare(b.number, 'ru', { numeric: true }))
    .map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      parties: a.parties.map((p) => p.organizationName),
      validFrom: a.validFrom,
      validTo: a.validTo,
      eventsHeld: used.get(a.id) ?? 0,
      unused: !used.get(a.id),
    }));
  const name = (id: string) => input.organizations.get(id)?.shortName ?? held.find((e) => e.host.organizationId === id)?.host.organizationName ?? id;
  return {
    from: input.period.from,
    to: input.period.to,
    ...(input.schoolYear ? { schoolYear: input.schoolYear } : {}),
    ...(input.org ? { organization: { id: input.org.id, name: input.org.shortName } } : {}),
    note: MONITORING_NOTE,
    total: total.figures(),
    byCentre: [...byCentre.entries()]
      .map(([id, t]) => ({ organizationId: id, name: name(id), figures: t.figures() }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true })),
    byMonth: [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, t]) => ({ month, label: monthLabel(month), figures: t.figures() })),
    byDirection: [...byDirection.entries()]
      .map(([direction, t]) => ({ direction, label: directionLabels[direction], figures: t.figures() }))
      .sort((a, b) => b.figures.eventsHeld - a.figures.eventsHeld || a.label.localeCompare(b.label, 'ru')),
    agreements,
  };
}

/** Signed and in force on some day of the period. */
function activeDuring(a: Agreement, p: Period): boolean {
  if (!['active', 'expired', 'terminated'].includes(a.status)) return false;
  const from = a.validFrom > p.from ? a.validFrom : p.from;
  const to = a.validTo < p.to ? a.validTo : p.to;
  if (from > to) return false;
  return agreementValidOn(a, from);
}
