import { Actor, DomainError } from '@tochka/contracts';
import { KnownAgreement } from '../read-models/agreement.model';
import { agreementProblems, assertCoordinator, assertMayManage, assertMayPropose, assertStatus, atRiskReason, mayRead } from './event-rules';

const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', organizationId: 'mk-moshr' };
const hostHead: Actor = { userId: 'u-host', role: 'centre_head', organizationId: 'sosh-1' };
const otherHead: Actor = { userId: 'u-other', role: 'centre_head', organizationId: 'sosh-5' };
const kindergarten: Actor = { userId: 'u-ds', role: 'kindergarten', organizationId: 'ds-9' };
const host = { organizationId: 'sosh-1', organizationName: 'МБОУ СОШ № 1' };

const agreement = (over: Partial<KnownAgreement> = {}): KnownAgreement => ({
  _id: 'a1',
  number: 'СВ-2022/07',
  partyIds: ['sosh-1', 'ds-9'],
  status: 'active',
  validFrom: '2022-09-01',
  validTo: '2023-08-31',
  version: 3,
  ...over,
});
// 10:00–11:00 Moscow on 15 March 2023.
const start = new Date('2023-03-15T07:00:00Z');
const end = new Date('2023-03-15T08:00:00Z');

function refusal(rule: () => unknown): DomainError {
  try {
    rule();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected the rule to refuse');
}

describe('calendar event rules', () => {
  it('shows planned, held and cancelled events to everyone, proposals only to the host and the coordinator', () => {
    expect(mayRead(kindergarten, { status: 'approved', host })).toBe(true);
    expect(mayRead(kindergarten, { status: 'cancelled', host })).toBe(true);
    expect(mayRead(kindergarten, { status: 'proposed', host })).toBe(false);
    expect(mayRead(kindergarten, { status: 'rejected', host })).toBe(false);
    expect(mayRead(hostHead, { status: 'proposed', host })).toBe(true);
    expect(mayRead(coordinator, { status: 'rejected', host })).toBe(true);
  });

  it('lets a centre head propose for its own organisation only; the coordinator for any', () => {
    expect(() => assertMayPropose(hostHead, 'sosh-1')).not.toThrow();
    expect(() => assertMayPropose(coordinator, 'sosh-1')).not.toThrow();
    expect(refusal(() => assertMayPropose(otherHead, 'sosh-1'))).toMatchObject({
      status: 403,
      message: 'Руководитель центра предлагает мероприятия только своей организации',
    });
    expect(refusal(() => assertMayPropose(kindergarten, 'ds-9')).status).toBe(403);
  });

  it('lets the host head or the coordinator manage; approving is the coordinator alone', () => {
    expect(() => assertMayManage(hostHead, { host }, 'Перенести мероприятие')).not.toThrow();
    expect(refusal(() => assertMayManage(otherHead, { host }, 'Перенести мероприятие')).message).toBe(
      'Перенести мероприятие может руководитель центра-организатора или координатор',
    );
    expect(() => assertCoordinator(coordinator, 'Согласовать мероприятие')).not.toThrow();
    expect(refusal(() => assertCoordinator(hostHead, 'Согласовать мероприятие')).status).toBe(403);
  });

  it('names the current state when a transition is not allowed', () => {
    expect(() => assertStatus({ status: 'proposed' }, ['proposed'], 'согласовать мероприятие')).not.toThrow();
    const err = refusal(() => assertStatus({ status: 'held' }, ['proposed', 'approved', 'at_risk'], 'отменить мероприятие'));
    expect(err).toMatchObject({ status: 409, code: 'invalid_transition', data: { currentStatus: 'held' } });
    expect(err.message).toMatch(/^Нельзя отменить мероприятие: мероприятие в статусе «.+»$/);
  });

  describe('the agreement an event with partners names', () => {
    it('given host and partners party to an agreement valid on the day, finds no problem', () => {
      expect(agreementProblems(agreement(), { id: 'sosh-1', name: 'СОШ № 1' }, [{ id: 'ds-9', name: 'Д/с № 9' }], start, end)).toEqual([]);
    });

    it('names the host and each partner that is not a party, on their fields', () => {
      const problems = agreementProblems(
        agreement({ partyIds: ['sosh-5', 'ds-9'] }),
        { id: 'sosh-1', name: 'СОШ № 1' },
        [
          { id: 'ds-9', name: 'Д/с № 9' },
          { id: 'ds-2', name: 'Д/с № 2' },
        ],
        start,
        end,
      );
      expect(problems).toEqual([
        { path: 'hostId', message: 'Организатор «СОШ № 1» не является стороной соглашения № СВ-2022/07' },
        { path: 'partners.1', message: '«Д/с № 2» не является стороной соглашения № СВ-2022/07' },
      ]);
    });

    it('refuses a date outside the term, or on and after the day of termination (Moscow dates)', () => {
      const late = agreementProblems(agreement({ validTo: '2023-03-14' }), { id: 'sosh-1', name: 'СОШ № 1' }, [], start, end);
      expect(late).toEqual([{ path: 'agreementId', message: 'Соглашение № СВ-2022/07 не действует 15 марта 2023' }]);
      const terminated = agreement({ status: 'terminated', terminatedOn: '2023-03-15' });
      expect(agreementProblems(terminated, { id: 'sosh-1', name: 'СОШ № 1' }, [], start, end)).toHaveLength(1);
      expect(agreementProblems({ ...terminated, terminatedOn: '2023-03-16' }, { id: 'sosh-1', name: 'СОШ № 1' }, [], start, end)).toEqual([]);
      // 23:30 Moscow on the last day is still within the term (20:30 UTC).
      expect(
        agreementProblems(
          agreement({ validTo: '2023-03-15' }),
          { id: 'sosh-1', name: 'СОШ № 1' },
          [],
          new Date('2023-03-15T19:30:00Z'),
          new Date('2023-03-15T20:30:00Z'),
        ),
      ).toEqual([]);
    });

    it('checks both days of an event running past midnight', () => {
      const problems = agreementProblems(
        agreement({ validTo: '2023-03-15' }),
        { id: 'sosh-1', name: 'СОШ № 1' },
        [],
        new Date('2023-03-15T20:00:00Z'),
        new Date('2023-03-15T22:00:00Z'),
      );
      expect(problems).toEqual([{ path: 'agreementId', message: 'Соглашение № СВ-2022/07 не действует 16 марта 2023' }]);
    });
  });

  it('says why an event is at risk: terminated (with date and reason) or expired', () => {
    expect(atRiskReason(agreement({ status: 'terminated', terminatedOn: '2023-02-01', terminationReason: 'реорганизация школы' }))).toBe(
      'Соглашение № СВ-2022/07 расторгнуто 1 февраля 2023: реорганизация школы. Нужно решение координатора.',
    );
    expect(atRiskReason(agreement({ status: 'expired' }))).toBe('Срок действия соглашения № СВ-2022/07 истёк 31 августа 2023. Нужно решение координатора.');
  });
});
