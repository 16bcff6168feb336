import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Agreement, agreementEvents, EventEnvelope, EventPayload } from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { MailQueue } from '../delivery/mail-queue';
import { Directory, NotYetKnown } from '../read-models/directory.service';
import { Recipient } from '../read-models/recipient';

type P<K extends keyof typeof agreementEvents> = EventPayload<(typeof agreementEvents)[K]>;

/**
 * Agreement mails go to the head of each party (the organisation's head e-mail); the coordinators
 * also hear when one is about to expire. Organisations come first on the same stream, so a
 * party not known here is a real gap: the event is redelivered, then dead-lettered.
 */
@Controller()
export class AgreementMailsHandlers {
  constructor(
    private readonly directory: Directory,
    private readonly queue: MailQueue,
  ) {}

  @OnEvent(agreementEvents.proposed)
  async proposed(@Payload() { agreement, imported }: P<'proposed'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordAgreement(agreement);
    if (imported) return; // handed to the parties on paper: they have it in hand
    const heads = await this.partyHeads(agreement);
    await this.queue.enqueue(
      envelope,
      heads.map(({ head, partyName }) => ({ to: head, template: 'agreement_signature_request' as const, input: { agreement, partyName } })),
    );
  }

  @OnEvent(agreementEvents.activated)
  async activated(@Payload() { agreement, imported }: P<'activated'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordAgreement(agreement);
    // Loading the agreements signed on paper is no news to their parties: no mail.
    if (imported) return;
    await this.toParties(envelope, agreement, 'agreement_activated');
  }

  @OnEvent(agreementEvents.expiring)
  async expiring(@Payload() { agreement, daysLeft }: P<'expiring'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordAgreement(agreement);
    const recipients = [...(await this.partyHeads(agreement)).map((h) => h.head), ...(await this.directory.coordinators())];
    await this.queue.enqueue(
      envelope,
      recipients.map((to) => ({ to, template: 'agreement_expiring' as const, input: { agreement, daysLeft } })),
    );
  }

  @OnEvent(agreementEvents.expired)
  async expired(@Payload() { agreement, imported }: P<'expired'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordAgreement(agreement);
    if (imported) return; // it ended long before it was loaded
    await this.toParties(envelope, agreement, 'agreement_expired');
  }

  @OnEvent(agreementEvents.terminated)
  async terminated(@Payload() { agreement }: P<'terminated'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordAgreement(agreement);
    await this.toParties(envelope, agreement, 'agreement_terminated');
  }

  private async toParties(envelope: EventEnvelope, agreement: Agreement, template: 'agreement_activated' | 'agreement_expired' | 'agreement_terminated') {
    const heads = await this.partyHeads(agreement);
    await this.queue.enqueue(
      envelope,
      heads.map(({ head }) => ({ to: head, template, input: { agreement } })),
    );
  }

  private async partyHeads(agreement: Agreement): Promise<{ head: Recipient; partyName: string }[]> {
    const { found, missing } = await this.directory.heads(agreement.parties.map((p) => p.organizationId));
    if (missing.length) throw new NotYetKnown(`organisations ${missing.join(', ')}`);
    return agreement.parties.map((p) => ({ head: found.get(p.organizationId)!, partyName: p.organizationName }));
  }
}
