import { Actor, Agreement, DomainError } from '@tochka/contracts';
import { allSigned, assertMayCreate, assertMayManage, assertStatus, checkSignature, renewedNumber, validOnFilter } from './lifecycle';

const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', organizationId: 'mk-moshr' };
const head = (organizationId: string): Actor => ({ userId: `u-${organizationId}`, role: 'centre_head', organizationId });
const kindergarten: Actor = { userId: 'u-ds-9', role: 'kindergarten', organizationId: 'ds-9' };
const staff: Actor = { userId: 'u-staff', role: 'staff', organizationId: 'sosh-1' };

function agreement(over: Partial<Agreement> = {}): Agreement {
  return {
    id: '0123456789abcdef01234567',
    number: 'СВ-2022/07',
    title: 'О сетевой форме реализации программ',
    parties: [
      { organizationId: 'sosh-1', organizationName: 'МБОУ СОШ № 1', organizationKind: 'school', responsible: { name: 'Иванова А.А.' } },
      { organizationId: 'ds-9', organizationName: 'МБДОУ д/с № 9', organizationKind: 'kindergarten', responsible: { name: 'Петрова Б.Б.' } },
    ],
    directions: ['natural_science'],
    validFrom: '2022-09-01',
    validTo: '2023-08-31',
    status: 'proposed',
    signatures: [],
    createdBy: { userId: 'u-coord', organizationId: 'mk-moshr' },
    createdAt: '2022-08-01T09:00:00.000Z',
    version: 2,
    ...over,
  };
}

/** The DomainError a rule throws (fails the test when it throws nothing). */
function refusal(rule: () => unknown): DomainError {
  try {
    rule();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected the rule to refuse');
}

describe('agreement lifecycle rules', () => {
  describe('who may create', () => {
    it('lets the coordinator create any agreement, a head only one its organisation is party to', () => {
      expect(() => assertMayCreate(coordinator, ['sosh-1', 'ds-9'])).not.toThrow();
      expect(() => assertMayCreate(kindergarten, ['sosh-1', 'ds-9'])).not.toThrow();
      expect(refusal(() => assertMayCreate(head('sosh-5'), ['sosh-1', 'ds-9']))).toMatchObject({
        status: 403,
        message: 'Можно создать соглашение только с участием своей организации',
      });
    });

    it('refuses staff', () => {
      expect(refusal(() => assertMayCreate(staff, ['sosh-1', 'ds-9'])).status).toBe(403);
    });
  });

  describe('who may manage (propose, withdraw, renew)', () => {
    it('is the coordinator or the head of a party, never staff or an outsider', () => {
      expect(() => assertMayManage(coordinator, agreement(), 'Направить')).not.toThrow();
      expect(() => assertMayManage(head('sosh-1'), agreement(), 'Направить')).not.toThrow();
      expect(refusal(() => assertMayManage(head('sosh-5'), agreement(), 'Направить соглашение')).message).toContain('Направить соглашение:');
      expect(refusal(() => assertMayManage({ ...staff, organizationId: 'ds-9' }, agreement(), 'Отозвать')).status).toBe(403);
    });
  });

  describe('transitions', () => {
    it('allows a listed state and names the current one in a 409 otherwise', () => {
      expect(() => assertStatus(agreement({ status: 'draft' }), ['draft'], 'направить соглашение сторонам')).not.toThrow();
      const err = refusal(() => assertStatus(agreement({ status: 'active' }), ['draft', 'proposed'], 'отозвать соглашение'));
      expect(err).toMatchObject({ status: 409, code: 'invalid_transition', message: 'Нельзя отозвать соглашение: соглашение в статусе «действует»' });
      expect(err.data).toEqual({ currentStatus: 'active' });
    });
  });

  describe('signing', () => {
    it('given a proposed agreement, a party head signs for its own organisation', () => {
      expect(checkSignature(head('sosh-1'), agreement(), undefined, '2022-08-20')).toBe('sosh-1');
      expect(checkSignature(kindergarten, agreement(), 'ds-9', '2022-08-20')).toBe('ds-9');
    });

    it('refuses signing for another organisation, by a non-party, by staff, twice, or after the term', () => {
      expect(refusal(() => checkSignature(head('sosh-1'), agreement(), 'ds-9', '2022-08-20'))).toMatchObject({
        status: 403,
        message: 'Подписать соглашение можно только от имени своей организации',
      });
      expect(refusal(() => checkSignature(head('sosh-5'), agreement(), undefined, '2022-08-20'))).toMatchObject({
        status: 403,
        message: 'Ваша организация не является стороной этого соглашения',
      });
      expect(refusal(() => checkSignature({ ...staff, organizationId: 'ds-9' }, agreement(), undefined, '2022-08-20')).status).toBe(403);
      const signedOnce = agreement({ signatures: [{ organizationId: 'sosh-1', userId: 'u-sosh-1', signedAt: '2022-08-20T09:00:00.000Z' }] });
      expect(refusal(() => checkSignature(head('sosh-1'), signedOnce, undefined, '2022-08-21'))).toMatchObject({ status: 409, code: 'already_signed' });
      expect(refusal(() => checkSignature(head('sosh-1'), agreement(), undefined, '2023-09-01'))).toMatchObject({ status: 409, code: 'agreement_outdated' });
    });

    it('refuses signing a draft with the current state named', () => {
      expect(refusal(() => checkSignature(head('sosh-1'), agreement({ status: 'draft' }), undefined, '2022-08-20'))).toMatchObject({
        status: 409,
        code: 'invalid_transition',
      });
    });

    it('is complete once every party has signed', () => {
      const one = [{ organizationId: 'sosh-1', userId: 'u1', signedAt: '2022-08-20T09:00:00.000Z' }];
      expect(allSigned(agreement({ signatures: one }))).toBe(false);
      expect(allSigned(agreement({ signatures: [...one, { organizationId: 'ds-9', userId: 'u2', signedAt: '2022-08-21T09:00:00.000Z' }] }))).toBe(true);
    });
  });

  describe('renewal numbers', () => {
    it('moves the year in the number, or appends it when there is none', () => {
      expect(renewedNumber('СВ-2022/07', '2023')).toBe('СВ-2023/07');
      expect(renewedNumber('Договор 7', '2023')).toBe('Договор 7-2023');
    });
  });

  describe('valid on a date (as a query)', () => {
    it('asks for the term, signed states, or terminated after the date', () => {
      expect(validOnFilter('2023-01-10')).toEqual({
        validFrom: { $lte: '2023-01-10' },
        validTo: { $gte: '2023-01-10' },
        $or: [{ status: { $in: ['active', 'expired'] } }, { status: 'terminated', terminatedOn: { $gt: '2023-01-10' } }],
      });
    });
  });
});
