import { agreementRpcs, calendarRpcs, DomainError, moscowDate, reportsRpcs } from '@tochka/contracts';
import { agreements } from '@tochka/district-data';
import { RpcClient } from '@tochka/messaging';
import { SEED_ACTOR } from './seed';

/** The demo's history: the documented year the current one is rolled over from. */
export const HISTORY_YEAR = '2022-2023';

export interface CurrentYearReport {
  schoolYear: string;
  agreements: { signed: number; awaitingSignatures: number; drafts: number };
  events: { approved: number; awaitingApproval: number; waiting: number; past: number };
}

/** The school year a Moscow date falls in (1 September – 31 August). */
export function schoolYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/**
 * The current school year of the demo (illustrative: nothing of it is in the documents), made the
 * way the methodist would make it, mail-free like every load:
 *   1. most of the 25 agreements renewed for the year on paper and loaded signed, a fifth of them
 *      handed out and signed by one party so far (awaiting signatures), a fifth left to the rollover;
 *   2. the rollover from 2022–2023: drafts of the remaining agreements, the plan copied as
 *      proposals to the same weekday and time (those whose new date has passed are skipped);
 *   3. the proposals with places to register for, and every other one, approved as on paper;
 *      the rest await the coordinator's approval.
 * Idempotent: loads by number, the rollover by key, approvals only of what is still proposed.
 */
export async function seedCurrentYear(rpc: RpcClient, opts: { now: Date; log?: (line: string) => void }): Promise<CurrentYearReport | 'skipped'> {
  const log = opts.log ?? (() => undefined);
  const schoolYear = schoolYearOf(moscowDate(opts.now));
  if (schoolYear <= HISTORY_YEAR) return 'skipped';
  const start = schoolYear.slice(0, 4);
  const from = `${start}-09-01`;
  const to = `${schoolYear.slice(5)}-08-31`;
  const report: CurrentYearReport = {
    schoolYear,
    agreements: { signed: 0, awaitingSignatures: 0, drafts: 0 },
    events: { approved: 0, awaitingApproval: 0, waiting: 0, past: 0 },
  };

  const loaded: string[] = [];
  for (const [i, a] of agreements.entries()) {
    if (i % 5 === 4) continue; // renewed by the rollover: a draft
    const number = a.number.replace(/\d{4}/, start);
    const awaiting = i % 5 === 3;
    const signedOn = Object.fromEntries((awaiting ? a.parties.slice(0, 1) : a.parties).map((p) => [p, `${start}-08-2${awaiting ? 8 : 5}`]));
    await rpc.request(agreementRpcs.import, {
      actor: SEED_ACTOR,
      agreement: {
        number,
        title: a.title,
        parties: a.parties.map((p) => ({ organizationId: p, responsible: a.responsible[p]! })),
        directions: a.directions,
        validFrom: from,
        validTo: to,
        notes: `Продлено на ${schoolYear.replace('-', '–')} учебный год (демонстрационные данные).`,
      },
      signedOn,
      ...(awaiting ? { awaitingSignatures: true as const } : {}),
    });
    loaded.push(number);
    if (awaiting) report.agreements.awaitingSignatures++;
    else report.agreements.signed++;
  }

  // The rollover reads the reports' read models: wait until they hold what was just loaded.
  const input = { from: HISTORY_YEAR, to: schoolYear };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const preview = await rpc.request(reportsRpcs.rolloverPreview, { actor: SEED_ACTOR, input });
    const known = new Set(preview.agreements.filter((l) => l.action === 'exists').map((l) => l.number));
    if (loaded.every((n) => known.has(n))) break;
    if (Date.now() > deadline) throw new Error(`reports did not learn of the agreements of ${schoolYear} within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const plan = await rpc.request(reportsRpcs.rolloverRun, { actor: SEED_ACTOR, input }, { timeoutMs: 180_000 });
  report.agreements.drafts = plan.agreements.filter((l) => l.status === 'draft').length;
  report.events.waiting = plan.events.filter((l) => l.action === 'waits').length;
  report.events.past = plan.events.filter((l) => l.action === 'past').length;

  const copies = plan.events.filter((l) => l.eventId);
  for (const [i, line] of copies.entries()) {
    const event = await rpc.request(calendarRpcs.get, { actor: SEED_ACTOR, id: line.eventId! });
    const approve = !!event.capacity || i % 2 === 0;
    if (event.status === 'proposed' && approve) {
      try {
        await rpc.request(calendarRpcs.approve, { actor: SEED_ACTOR, id: event.id, onPaper: true });
      } catch (err) {
        // Its room is taken at that time by another approved event: left for the coordinator.
        if (!(err instanceof DomainError) || err.status !== 409) throw err;
        report.events.awaitingApproval++;
        continue;
      }
    }
    if (event.status === 'approved' || (event.status === 'proposed' && approve)) report.events.approved++;
    else if (event.status === 'proposed') report.events.awaitingApproval++;
  }
  log(
    `${schoolYear.replace('-', '–')} (демонстрационные данные): соглашений подписано ${report.agreements.signed}, ждут подписей ${report.agreements.awaitingSignatures}, ` +
      `черновиков ${report.agreements.drafts}; мероприятий согласовано ${report.events.approved}, ждут согласования ${report.events.awaitingApproval}, ` +
      `ждут соглашений ${report.events.waiting}, дата уже прошла ${report.events.past}`,
  );
  return report;
}
