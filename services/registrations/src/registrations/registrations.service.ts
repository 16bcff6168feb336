import { Inject, Injectable } from '@nestjs/common';
import { Actor, attendanceRecordSchema, RegistrationInput, RegistrationPatch } from '@tochka/contracts';
import { fingerprint } from '@tochka/messaging';
import { CONFIG } from '@tochka/runtime';
import { z } from 'zod';
import { recordAttendance } from '../attendance/record-attendance';
import { RegistrationsConfig } from '../config';
import { LedgerStore } from '../ledger/ledger-store';
import { LedgerWriter } from '../ledger/ledger-writer';
import { newRegistrationId } from '../ledger/registration-ref.model';
import { setSettings } from '../settings/set-settings';
import { anonymizeRegistration } from './anonymize';
import { cancelRegistration } from './cancel';
import { changeRegistration } from './change';
import { register } from './register';

/** The commands: each one is an operation on one event's ledger. */
@Injectable()
export class RegistrationsService {
  private readonly deadlineHours: number;

  constructor(
    private readonly writer: LedgerWriter,
    private readonly store: LedgerStore,
    @Inject(CONFIG) config: RegistrationsConfig,
  ) {
    this.deadlineHours = config.REGISTRATION_DEADLINE_HOURS;
  }

  create(actor: Actor, eventId: string, input: RegistrationInput, idempotencyKey?: string) {
    const cmd = { actor, input, idempotencyKey, id: newRegistrationId(eventId), requestHash: fingerprint(input) };
    return this.writer.run(eventId, (draft) => register(draft, cmd, this.deadlineHours));
  }

  async update(actor: Actor, id: string, patch: RegistrationPatch) {
    return this.writer.run(await this.store.eventIdOf(id), (draft) => changeRegistration(draft, actor, id, patch));
  }

  async cancel(actor: Actor, id: string, reason?: string) {
    return this.writer.run(await this.store.eventIdOf(id), (draft) => cancelRegistration(draft, actor, id, reason));
  }

  /** Anonymise the current version, then every earlier one that still holds the contacts. */
  async anonymize(actor: Actor, id: string) {
    const eventId = await this.store.eventIdOf(id);
    const details = await this.writer.run(eventId, (draft) => anonymizeRegistration(draft, actor, id));
    await this.store.eraseContacts(eventId, id);
    return details;
  }

  recordAttendance(actor: Actor, eventId: string, records: z.output<typeof attendanceRecordSchema>[]) {
    return this.writer.run(eventId, (draft) => recordAttendance(draft, actor, records));
  }

  setSettings(actor: Actor, eventId: string, maxGroupsPerOrganization: number | null) {
    return this.writer.run(eventId, (draft) => setSettings(draft, actor, maxGroupsPerOrganization, this.deadlineHours));
  }
}
