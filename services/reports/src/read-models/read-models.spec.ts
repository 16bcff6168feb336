import { organizationEvents, agreementEvents, calendarEvents, registrationEvents } from '@tochka/contracts';
import { unhandledEvents } from '@tochka/testing';
import { ReportsModule } from '../app.module';

// The read models here mirror these families of other services' events. Every event of them must
// have a handler: the consumer acknowledges events nobody claims, so a new contract without one
// would leave the read model stale without a word.
describe('reports read models', () => {
  it('handle every event of the families they mirror', () => {
    expect(unhandledEvents(ReportsModule, [organizationEvents, agreementEvents, calendarEvents, registrationEvents])).toEqual([]);
  });
});
