import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { capacityRpcs } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { LedgerWriter } from '../ledger/ledger-writer';
import { applyCapacity } from './apply-capacity';

/** Calendar's question before it changes an event's capacity. */
@Controller()
export class CapacityHandlers {
  constructor(private readonly writer: LedgerWriter) {}

  @OnRequest(capacityRpcs.apply)
  apply(@Payload() req: z.output<typeof capacityRpcs.apply.request>) {
    return this.writer.run(req.eventId, (draft) => applyCapacity(draft, req.capacity));
  }
}
