import { Role } from '@tochka/contracts';
import { Api } from './api';

export const TEST_PASSWORD = 'пароль-для-тестов';

/** What tests need of a running gateway: its URL and account administration. */
export interface GatewayHandle {
  url: string;
  users: { create(user: { email: string; name: string; role: Role; organizationId: string; password: string }): Promise<unknown> };
}

/** Create an account in the gateway and log in as it. */
export async function userApi(gateway: GatewayHandle, email: string, role: Role, organizationId: string, name = email.split('@')[0]): Promise<Api> {
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
