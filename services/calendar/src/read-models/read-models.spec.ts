import { agreementEvents, EventContract, organizationEvents, registrationEvents } from '@tochka/contracts';
import { unhandledEvents } from '@tochka/testing';
import { CalendarModule } from '../app.module';

// The read models here mirror these families of other services' events. Every event of them must
// have a handler: the consumer acknowledges events nobody claims, so a new contract without one
// would leave the read model stale without a word.
describe('calendar read models', () => {
  it('handle every event of the families they mirror', () => {
    expect(unhandledEvents(CalendarModule, [organizationEvents, agreementEvents, registrationEvents])).toEqual([]);
  });

  it('would name a contract added to a family without a handler', () => {
    const added = { ...agreementEvents.signed, name: 'agreement.amended' } as EventContract;
    expect(unhandledEvents(CalendarModule, [{ ...agreementEvents, amended: added }])).toEqual(['agreement.amended']);
  });
});
