import { z } from 'zod';
import { Actor, attendanceRecordSchema, attendanceSummarySchema, DomainError, errors, FieldError, moscowMoment, registrationEvents } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { Entry, Ledger, summaryOf, toRegistration } from '../ledger/ledger';
import { assertManagesEvent, visibleLedger } from '../registrations/access';

type AttendanceRecord = z.output<typeof attendanceRecordSchema>;
type AttendanceSummary = z.output<typeof attendanceSummarySchema>;

/**
 * After the event the host records, per confirmed registration, whether the group came and how
 * many children. Every record is checked before any is applied; a correction replaces the
 * earlier record, and an identical one changes nothing.
 */
export function recordAttendance(draft: LedgerDraft, actor: Actor, records: AttendanceRecord[]): AttendanceSummary {
  const ledger = visibleLedger(actor, draft.ledger);
  assertManagesEvent(actor, ledger, 'Отметить посещаемость');
  if (ledger.event.status === 'cancelled') throw errors.conflict('event_cancelled', 'Мероприятие отменено: посещаемость не отмечается');
  if (draft.now < ledger.event.end) {
    throw errors.conflict('event_not_over', `Посещаемость отмечается после окончания мероприятия (${moscowMoment(ledger.event.end)})`);
  }

  const problems: FieldError[] = [];
  const seen = new Set<string>();
  const targets = records.map((record, i) => {
    const entry = ledger.registrations.find((r) => r.id === record.registrationId);
    const at = (field: string) => `records.${i}.${field}`;
    if (seen.has(record.registrationId)) problems.push({ path: at('registrationId'), message: 'Эта регистрация указана дважды' });
    seen.add(record.registrationId);
    if (!entry) problems.push({ path: at('registrationId'), message: 'Такой регистрации на этом мероприятии нет' });
    else if (entry.status !== 'confirmed')
      problems.push({
        path: at('registrationId'),
        message: `Группа «${entry.groupName}» не была подтверждена: посещаемость отмечается только для подтверждённых групп`,
      });
    if (!record.attended && record.actualChildren !== 0)
      problems.push({ path: at('actualChildren'), message: 'Группа не пришла: число пришедших детей должно быть 0' });
    if (record.attended && record.actualChildren === 0) problems.push({ path: at('actualChildren'), message: 'Группа пришла: укажите, сколько детей было' });
    return entry;
  });
  if (problems.length) throw new DomainError('validation_failed', 'Посещаемость не записана: исправьте ошибки', 400, problems);

  records.forEach((record, i) => {
    const entry = targets[i]!;
    if (entry.attendance?.attended === record.attended && entry.attendance.actualChildren === record.actualChildren) return;
    draft.touch(entry, { attendance: { attended: record.attended, actualChildren: record.actualChildren, recordedAt: draft.now } });
    draft.emit(registrationEvents.attendanceRecorded, entry);
  });
  return summarize(ledger);
}

/** What feeds the event's report: confirmed groups, who came, how many children. */
function summarize(ledger: Ledger): AttendanceSummary {
  const confirmed = ledger.registrations.filter((r) => r.status === 'confirmed');
  const recorded = confirmed.filter((r): r is Entry & { attendance: NonNullable<Entry['attendance']> } => !!r.attendance);
  return {
    event: summaryOf(ledger),
    totals: {
      confirmedGroups: confirmed.length,
      confirmedChildren: confirmed.reduce((n, r) => n + r.children, 0),
      recordedGroups: recorded.length,
      attendedGroups: recorded.filter((r) => r.attendance.attended).length,
      noShowGroups: recorded.filter((r) => !r.attendance.attended).length,
      actualChildren: recorded.reduce((n, r) => n + r.attendance.actualChildren, 0),
    },
    items: confirmed.map((r) => toRegistration(ledger, r)),
  };
}
