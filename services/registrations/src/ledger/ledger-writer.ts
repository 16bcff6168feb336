import { Inject, Injectable } from '@nestjs/common';
import { errors } from '@tochka/contracts';
import { callerGone, currentContext } from '@tochka/messaging';
import { Clock, CLOCK } from '@tochka/runtime';
import { deltaOf } from './ledger-commits';
import { LedgerDraft } from './ledger-draft';
import { LedgerStore } from './ledger-store';

/** One operation on one event's ledger: reads and changes the draft, throws a DomainError to refuse. */
export type LedgerOp<T> = (draft: LedgerDraft) => T;

interface Task {
  op: LedgerOp<unknown>;
  /** When the caller stops waiting (its request's deadline), if it said. */
  deadline?: number;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/** Operations applied in one commit at most (a burst on one event is taken in slices). */
const MAX_BATCH = 500;
/** Commits lost to other instances before giving up (each loss means another instance progressed). */
const MAX_ATTEMPTS = 50;

/**
 * Every change of a ledger goes through here. Within a process, operations on one event queue up
 * and run one batch at a time: the batch is applied in arrival order to the latest ledger, then
 * appended as one commit with its events. When another instance appended that version first, the
 * batch is applied again to the new state. So capacity, arrival order and waitlist positions hold
 * by construction with any number of instances, and a burst costs a few writes rather than one
 * per request.
 */
@Injectable()
export class LedgerWriter {
  private readonly queues = new Map<string, Task[]>();

  constructor(
    private readonly store: LedgerStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run<T>(eventId: string, op: LedgerOp<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const deadline = currentContext()?.deadline;
      const task = { op, resolve, reject, ...(deadline !== undefined ? { deadline } : {}) } as Task;
      const queue = this.queues.get(eventId);
      if (queue) {
        queue.push(task); // the running drain of this event takes it in its next batch
        return;
      }
      this.queues.set(eventId, [task]);
      void this.drain(eventId);
    });
  }

  private async drain(eventId: string): Promise<void> {
    const queue = this.queues.get(eventId)!;
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await this.commit(eventId, batch, queue);
      } catch (err) {
        for (const task of batch) task.reject(err);
      }
    }
    this.queues.delete(eventId);
  }

  /**
   * Apply the batch to the latest ledger and append the result. After losing a version to another
   * instance, what queued meanwhile joins the batch (in arrival order), so the retry catches up
   * rather than falling further behind.
   */
  private async commit(eventId: string, batch: Task[], queue: Task[]): Promise<void> {
    const indexed = new Set<string>();
    let check = false;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // Before anything is decided: operations whose caller has stopped waiting (they queued
      // behind others, or lost a version) are dropped, never half done. Once the commit's insert
      // is sent, nothing is dropped: what it decides is answered, or decided again if it lost.
      const now = Date.now();
      const gone = batch.filter((t) => t.deadline !== undefined && now >= t.deadline);
      if (gone.length) {
        for (const t of gone) t.reject(callerGone());
        batch.splice(0, batch.length, ...batch.filter((t) => !gone.includes(t)));
        if (!batch.length) return;
      }
      const { ledger: loaded, fresh } = await this.store.forWrite(eventId, check);
      check = true;
      const draft = new LedgerDraft(loaded, this.clock.now());
      const outcomes = batch.map((task) => {
        const checkpoint = draft.checkpoint();
        try {
          return { ok: true, value: task.op(draft) };
        } catch (error) {
          draft.restore(checkpoint);
          return { ok: false, value: error };
        }
      });
      const delta = draft.ledger && deltaOf(loaded, draft.ledger);
      if (delta) {
        const known = new Set(loaded?.registrations.map((r) => r.id));
        const created = delta.entries.filter((e) => !known.has(e.id) && !indexed.has(e.id));
        await this.store.index(eventId, created, loaded);
        for (const e of created) indexed.add(e.id);
        const committed = await this.store.append(loaded, draft.ledger!, delta, draft.events);
        if (!committed) {
          batch.push(...queue.splice(0, MAX_BATCH - batch.length));
          continue;
        }
      } else if (!fresh && loaded && !(await this.store.isLatest(eventId, loaded))) {
        continue; // answers decided on an outdated ledger: decide again on the latest
      }
      outcomes.forEach((outcome, i) => {
        if (outcome.ok) batch[i]?.resolve(outcome.value);
        else batch[i]?.reject(outcome.value);
      });
      return;
    }
    throw errors.conflict('concurrent_update', 'Записи на это мероприятие сейчас меняются слишком часто. Повторите запрос.');
  }
}
