import { Provider } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { MONGO } from '@tochka/runtime';

/** A model of the service's own database whose documents carry no outbox (read models, bookings). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function modelProvider(token: string, make: (conn: Connection) => Model<any>): Provider {
  return { provide: token, inject: [MONGO], useFactory: make };
}
