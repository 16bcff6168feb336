import { Types } from 'mongoose';
import { Agreement, agreementSchema, errors } from '@tochka/contracts';
import { AggregateStore, MessageBus, storedToJson } from '@tochka/messaging';
import { AgreementDoc, AgreementModel } from './agreement.model';

export type AgreementStore = AggregateStore<AgreementDoc, Agreement>;
export const AGREEMENT_STORE = 'AGREEMENT_STORE';

/** Agreements' one write path: the shared aggregate store over the `agreements` collection. */
export function agreementStore(model: AgreementModel, bus: MessageBus): AgreementStore {
  return new AggregateStore<AgreementDoc, Agreement>({
    model,
    relay: bus.outbox,
    key: (id) => (Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined),
    idOf: (a) => a.id,
    fromDoc: toAgreement,
    toDoc: toDocFields,
    version: (a) => a.version,
    notFound: () => errors.notFound('Соглашение не найдено'),
    conflict: () => errors.conflict('concurrent_update', 'Соглашение одновременно изменил другой пользователь. Повторите.'),
  });
}

const INSTANTS = ['createdAt', 'proposedAt', 'activatedAt', 'expiredAt', 'terminatedAt', 'withdrawnAt'] as const;

function toDocFields(a: Agreement): Record<string, unknown> {
  const { id: _id, signatures, ...rest } = a;
  const doc: Record<string, unknown> = { ...rest, signatures: signatures.map((s) => ({ ...s, signedAt: new Date(s.signedAt) })) };
  for (const key of INSTANTS) {
    const instant = a[key];
    if (instant) doc[key] = new Date(instant);
  }
  return doc;
}

/** The stored agreement as its contract's snapshot (the scheduler's bookkeeping left out). */
export function toAgreement(doc: AgreementDoc): Agreement {
  const { _id, outbox: _outbox, outboxPending: _pending, expiringNotifiedAt: _notified, createdWith: _created, ...rest } = doc;
  return agreementSchema.parse({ id: _id.toHexString(), ...storedToJson(rest) });
}
