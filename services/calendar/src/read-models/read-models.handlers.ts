import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Agreement, agreementEvents, EventPayload, organizationEvents, Registration, registrationEvents } from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { AtRiskService } from '../events/at-risk.service';
import { ReadModels } from './read-models.service';

type Org = EventPayload<typeof organizationEvents.registered>;
type Agr = { agreement: Agreement };
type Reg = { registration: Registration };

/** Keeps the calendar's read models from other services' events; each handler is safe to run again. */
@Controller()
export class ReadModelsHandlers {
  constructor(
    private readonly readModels: ReadModels,
    private readonly atRisk: AtRiskService,
  ) {}

  @OnEvent(organizationEvents.registered)
  organizationRegistered(@Payload() { organization }: Org) {
    return this.readModels.saveOrganization(organization);
  }

  @OnEvent(organizationEvents.updated)
  organizationUpdated(@Payload() { organization }: Org) {
    return this.readModels.saveOrganization(organization);
  }

  @OnEvent(agreementEvents.proposed)
  agreementProposed(@Payload() { agreement }: Agr) {
    return this.readModels.saveAgreement(agreement);
  }

  @OnEvent(agreementEvents.signed)
  agreementSigned(@Payload() { agreement }: Agr) {
    return this.readModels.saveAgreement(agreement);
  }

  @OnEvent(agreementEvents.activated)
  agreementActivated(@Payload() { agreement }: Agr) {
    return this.readModels.saveAgreement(agreement);
  }

  @OnEvent(agreementEvents.expiring)
  agreementExpiring(@Payload() { agreement }: Agr) {
    return this.readModels.saveAgreement(agreement);
  }

  @OnEvent(agreementEvents.withdrawn)
  agreementWithdrawn(@Payload() { agreement }: Agr) {
    return this.readModels.saveAgreement(agreement);
  }

  @OnEvent(agreementEvents.expired)
  agreementExpired(@Payload() { agreement }: Agr) {
    return this.agreementEnded(agreement);
  }

  @OnEvent(agreementEvents.terminated)
  agreementTerminated(@Payload() { agreement }: Agr) {
    return this.agreementEnded(agreement);
  }

  @OnEvent(registrationEvents.confirmed)
  registrationConfirmed(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  @OnEvent(registrationEvents.waitlisted)
  registrationWaitlisted(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  @OnEvent(registrationEvents.promoted)
  registrationPromoted(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  @OnEvent(registrationEvents.changed)
  registrationChanged(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  @OnEvent(registrationEvents.cancelled)
  registrationCancelled(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  @OnEvent(registrationEvents.anonymized)
  registrationAnonymized(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  @OnEvent(registrationEvents.attendanceRecorded)
  attendanceRecorded(@Payload() { registration }: Reg) {
    return this.readModels.saveRegistration(registration);
  }

  /** Reviewed against the latest snapshot kept (a redelivered or late event may be older). */
  private async agreementEnded(agreement: Agreement): Promise<void> {
    await this.readModels.saveAgreement(agreement);
    const latest = await this.readModels.agreement(agreement.id);
    if (latest && (latest.status === 'terminated' || latest.status === 'expired')) await this.atRisk.agreementEnded(latest);
  }
}
