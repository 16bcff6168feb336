import { randomBytes } from 'node:crypto';
import { CalendarEvent, calendarEventSchema, Role } from '@tochka/contracts';
import { Api } from './api';

export const TEST_PASSWORD = 'пароль-для-тестов';

/** What tests need of a running gateway: its URL and account administration. */
export interface GatewayHandle {
  url: string;
  users: { create(user: { email: string; name: string; role: Role; organizationId: string; password: string }): Promise<unknown> };
}

/** Create an account in the gateway and log in as it. */
export async function userApi(gateway: GatewayHandle, email: string, role: Role, organizationId: string, name = email.split('@')[0] ?? email): Promise<Api> {
  await gateway.users.create({ email, name, role, organizationId, password: TEST_PASSWORD });
  return new Api(gateway.url).login(email, TEST_PASSWORD);
}

/** A valid organisation body for POST /api/organizations. */
export function organizationBody(id: string, kind: string, shortName: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind,
    fullName: `${shortName} (полное наименование)`,
    shortName,
    settlement: 'ст. Старощербиновская',
    address: 'ул. Первомайская, 1',
    head: { name: `Руководитель ${shortName}`, email: `${id}@shcherbinovsky.test` },
    rooms: [{ key: 'room-1', name: 'Кабинет информатики', capacity: 20 }],
    ...extra,
  };
}

/**
 * A joint event as the calendar service publishes it (contract-valid): an approved robot-launch
 * master class at СОШ № 3 for д/с № 5, 17 April 2023, 14:00–15:30 Moscow time. Override any field.
 */
export function sampleCalendarEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return calendarEventSchema.parse({
    id: randomBytes(12).toString('hex'),
    title: 'Мастер-класс «Запуск роботов» для дошкольников',
    description: 'Дошкольники собирают и запускают робота из конструктора.',
    kind: 'master_class',
    direction: 'robotics',
    host: { organizationId: 'sosh-3', organizationName: 'МБОУ СОШ № 3' },
    venue: { roomKey: 'room-1', roomName: 'Кабинет робототехники', roomCapacity: 20, address: 'ст. Старощербиновская, ул. Первомайская, 1' },
    start: '2023-04-17T11:00:00.000Z',
    end: '2023-04-17T12:30:00.000Z',
    audience: ['preschoolers'],
    partners: [{ organizationId: 'ds-5', organizationName: 'МБДОУ ЦРР д/с № 5' }],
    capacity: { seats: 20, groups: 2 },
    registrationDeadline: '2023-04-16T11:00:00.000Z',
    contact: { name: 'Кутовая Е.И.', email: 'kutovaya@sosh3.test', phone: '+7 900 000-00-03' },
    status: 'approved',
    proposedBy: { userId: '64b000000000000000000001', organizationId: 'sosh-3' },
    createdAt: '2023-03-01T09:00:00.000Z',
    updatedAt: '2023-03-02T09:00:00.000Z',
    sequence: 0,
    version: 2,
    ...overrides,
  });
}
