import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  Agreement,
  agreementEvents,
  CalendarEvent,
  calendarEvents,
  EventSummary,
  Organization,
  organizationEvents,
  Registration,
  registrationEvents,
} from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { ReportsStore } from './store';

type Org = { organization: Organization };
type Agr = { agreement: Agreement };
type Evt = { event: CalendarEvent };
type Reg = { registration: Registration; event: EventSummary };

/**
 * Every event of the others that the documents and figures need: each carries the whole snapshot,
 * so each is applied the same way (the highest version wins; redelivery changes nothing).
 */
@Controller()
export class ReadModelsHandlers {
  constructor(private readonly store: ReportsStore) {}

  @OnEvent(organizationEvents.registered) orgRegistered(@Payload() p: Org) {
    return this.store.recordOrganization(p.organization);
  }
  @OnEvent(organizationEvents.updated) orgUpdated(@Payload() p: Org) {
    return this.store.recordOrganization(p.organization);
  }

  @OnEvent(agreementEvents.proposed) agrProposed(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }
  @OnEvent(agreementEvents.signed) agrSigned(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }
  @OnEvent(agreementEvents.activated) agrActivated(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }
  @OnEvent(agreementEvents.expiring) agrExpiring(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }
  @OnEvent(agreementEvents.expired) agrExpired(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }
  @OnEvent(agreementEvents.terminated) agrTerminated(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }
  @OnEvent(agreementEvents.withdrawn) agrWithdrawn(@Payload() p: Agr) {
    return this.store.recordAgreement(p.agreement);
  }

  @OnEvent(calendarEvents.proposed) evProposed(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.approved) evApproved(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.rejected) evRejected(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.rescheduled) evRescheduled(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.updated) evUpdated(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.cancelled) evCancelled(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.held) evHeld(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }
  @OnEvent(calendarEvents.atRisk) evAtRisk(@Payload() p: Evt) {
    return this.store.recordEvent(p.event);
  }

  @OnEvent(registrationEvents.confirmed) regConfirmed(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
  @OnEvent(registrationEvents.waitlisted) regWaitlisted(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
  @OnEvent(registrationEvents.promoted) regPromoted(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
  @OnEvent(registrationEvents.changed) regChanged(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
  @OnEvent(registrationEvents.cancelled) regCancelled(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
  @OnEvent(registrationEvents.attendanceRecorded) regAttendance(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
  @OnEvent(registrationEvents.anonymized) regAnonymized(@Payload() p: Reg) {
    return this.store.recordRegistration(p.registration, p.event);
  }
}
