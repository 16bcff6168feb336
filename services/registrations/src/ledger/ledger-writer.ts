import { Inject, Injectable } from '@nestjs/common';
import { errors } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, Clock, CLOCK } from '@tochka/runtime';
import { deltaOf } from './ledger-commits';
import { LedgerDraft } from './ledger-draft';
import { LedgerStore } from './ledger-store';

/** One operation on one event's ledger: reads and changes the draft, throws a DomainError to refuse. */
export type LedgerOp<T> = (draft: LedgerDraft) => T;

interface Task {
  op: LedgerOp<unknown>;
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
  /** Per event, the publication of the last commit: events leave in commit order. */
  private readonly publishing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: LedgerStore,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run<T>(eventId: string, op: LedgerOp<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task = { op, resolve, reject } as Task;
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
        await this.store.index(eventId, created);
        for (const e of created) indexed.add(e.id);
        const committed = await this.store.append(loaded, draft.ledger!, delta, draft.events);
        if (!committed) {
          batch.push(...queue.splice(0, MAX_BATCH - batch.length));
          continue;
        }
        if (draft.events.length) this.publish(eventId, committed);
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

  /**
   * Events leave right after the commit, in commit order; the answer does not wait for them
   * (a failed publication stays in the commit's outbox for the relay's sweep: nothing is lost).
   */
  private publish(eventId: string, commit: string): void {
    const previous = this.publishing.get(eventId) ?? Promise.resolve();
    const next = previous.then(() => this.bus.outbox.publishPending(this.store.commits, commit));
    this.publishing.set(eventId, next);
    void next.finally(() => {
      if (this.publishing.get(eventId) === next) this.publishing.delete(eventId);
    });
  }
}
