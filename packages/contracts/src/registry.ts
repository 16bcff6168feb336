import { EventContract, RpcContract } from './define';
import { healthRpcs } from './health';
import { userEvents } from './users';
import { agreementEvents, agreementRpcs, organizationEvents } from './agreements';
import { calendarEvents } from './calendar';
import { calendarRpcs, subscriptionEvents } from './calendar-rpcs';
import { notificationRpcs } from './notifications';
import { registrationEvents } from './registrations';
import { capacityRpcs, registrationRpcs } from './registrations-rpcs';
import { reportsRpcs } from './reports';

/** Every event on the bus. A service may only publish or consume what is listed here. */
export const eventContracts: readonly EventContract[] = [
  ...Object.values(userEvents),
  ...Object.values(organizationEvents),
  ...Object.values(agreementEvents),
  ...Object.values(calendarEvents),
  ...Object.values(subscriptionEvents),
  ...Object.values(registrationEvents),
];

/** Every request/reply subject. */
export const rpcContracts: readonly RpcContract[] = [
  ...Object.values(healthRpcs),
  ...Object.values(agreementRpcs),
  ...Object.values(calendarRpcs as Record<string, RpcContract>),
  ...Object.values(registrationRpcs as Record<string, RpcContract>),
  ...Object.values(capacityRpcs),
  ...Object.values(notificationRpcs as Record<string, RpcContract>),
  ...Object.values(reportsRpcs as Record<string, RpcContract>),
];

const eventsByName = new Map(eventContracts.map((c) => [c.name, c]));
const rpcsByName = new Map(rpcContracts.map((c) => [c.name, c]));
if (eventsByName.size !== eventContracts.length) throw new Error('Duplicate event contract name');
if (rpcsByName.size !== rpcContracts.length) throw new Error('Duplicate RPC contract name');

export function eventContract(name: string): EventContract | undefined {
  return eventsByName.get(name);
}

export function rpcContract(name: string): RpcContract | undefined {
  return rpcsByName.get(name);
}

export function eventsOf(producer: EventContract['producer']): EventContract[] {
  return eventContracts.filter((c) => c.producer === producer);
}
