import { errors, EventContract, registrationEvents } from '@tochka/contracts';
import { createEvent, PendingEvent } from '@tochka/messaging';
import { copyOf, Entry, fits, Ledger, summaryOf, toRegistration } from './ledger';

type RegistrationEventContract = (typeof registrationEvents)[Exclude<keyof typeof registrationEvents, 'changed'>];

/**
 * A ledger being changed by one or more operations before one write. Registrations change only
 * through `touch`/`add`, so each change bumps that registration's version (which is how the write
 * finds what changed), and every event carries the snapshot of the moment it happened.
 */
export class LedgerDraft {
  private current: Ledger | undefined;
  private pending: PendingEvent[] = [];

  constructor(
    loaded: Ledger | undefined,
    readonly now: Date,
  ) {
    this.current = loaded && copyOf(loaded);
  }

  get ledger(): Ledger | undefined {
    return this.current;
  }

  get events(): readonly PendingEvent[] {
    return this.pending;
  }

  /** The ledger, or 404 when the calendar never told us about this event. */
  require(): Ledger {
    if (!this.current) throw errors.notFound('Мероприятие не найдено');
    return this.current;
  }

  /** Start the ledger of an event (its first snapshot). */
  init(ledger: Ledger): void {
    this.current = ledger;
  }

  /** Change one registration: its version grows and `updatedAt` moves. */
  touch(entry: Entry, changes: Partial<Entry>): void {
    Object.assign(entry, changes, { version: entry.version + 1, updatedAt: this.now });
  }

  add(entry: Entry): void {
    const ledger = this.require();
    ledger.registrations.push(entry);
    ledger.nextSeq = entry.seq + 1;
  }

  emit(contract: RegistrationEventContract, entry: Entry): void {
    const ledger = this.require();
    this.pending.push(
      createEvent(contract as EventContract, { registration: toRegistration(ledger, entry), event: summaryOf(ledger) }, { occurredAt: this.now }),
    );
  }

  emitChanged(entry: Entry, changed: string[]): void {
    const ledger = this.require();
    this.pending.push(
      createEvent(registrationEvents.changed, { registration: toRegistration(ledger, entry), event: summaryOf(ledger), changed }, { occurredAt: this.now }),
    );
  }

  /**
   * Restore the invariants after any change: no waitlisted group fits the free places (promote
   * in arrival order; a group larger than the free places keeps its turn and the next one that
   * fits goes ahead), and waitlist positions are 1..n in arrival order.
   */
  settle(): void {
    const ledger = this.current;
    if (!ledger) return;
    for (const entry of ledger.registrations) {
      if (entry.status !== 'waitlisted' || !this.promotable() || !fits(ledger, entry.children)) continue;
      this.touch(entry, { status: 'confirmed', waitlistPosition: undefined });
      this.emit(registrationEvents.promoted, entry);
    }
    let position = 0;
    for (const entry of ledger.registrations) {
      if (entry.status !== 'waitlisted') continue;
      position += 1;
      if (entry.waitlistPosition === position) continue;
      const moved = entry.waitlistPosition !== undefined;
      this.touch(entry, { waitlistPosition: position });
      if (moved) this.emitChanged(entry, ['waitlistPosition']);
    }
  }

  /** Checkpoint before one operation of a batch, so a refused operation leaves no trace. */
  checkpoint(): { ledger: Ledger | undefined; events: number } {
    return { ledger: this.current && copyOf(this.current), events: this.pending.length };
  }

  restore(point: ReturnType<LedgerDraft['checkpoint']>): void {
    this.current = point.ledger;
    this.pending = this.pending.slice(0, point.events);
  }

  /** Nobody moves up once the event is cancelled, rejected or has begun. */
  private promotable(): boolean {
    const event = this.current?.event;
    return !!event && (event.status === 'approved' || event.status === 'at_risk') && this.now < event.start;
  }
}
