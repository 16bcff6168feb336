import { idempotencyKeySchema } from '@tochka/contracts';
import { ValidHeader } from './route';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that repeats the one given to an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The optional `Idempotency-Key` header, checked; it travels to the service inside the command. */
export const IdempotencyKey = () =>
  ValidHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    schema: idempotencyKeySchema,
    description: 'Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст',
  });
