import { Actor, agreementRpcs, calendarRpcs, naming, ServiceName } from '@tochka/contracts';
import { RpcClient } from '@tochka/messaging';
import { Api } from './api';
import { BusProbe, eventually } from './bus-probe';
import { GatewayHandle, organizationBody, userApi } from './fixtures';

/**
 * A small district for tests that need the network's data (calendar, gateway matrix, fuzz): the
 * methodical service, three centres, two kindergartens, signed agreements. Works on any running
 * stack with agreements, calendar and gateway; the stack is taken by what is used of it.
 */
export interface DistrictStack {
  gateway: GatewayHandle & { runtime: { bus: { rpc: RpcClient } } };
}

/** The methodical service's seed account, as the district's loader acts. */
export const COORDINATOR: Actor = { userId: 'seed-coordinator', role: 'coordinator', organizationId: 'mk-moshr' };

const rooms = (...list: [string, string, number][]) => list.map(([key, name, capacity]) => ({ key, name, capacity }));

export const ORGANIZATIONS = [
  organizationBody('mk-moshr', 'methodical_service', 'МКУ «МК МОЩР»', { rooms: rooms(['assembly-hall', 'Актовый зал', 60]) }),
  organizationBody('sosh-5', 'growth_point_centre', 'МБОУ СОШ № 5', {
    centre: { profile: 'digital_humanitarian', openedYear: 2019 },
    rooms: rooms(['chess-zone', 'Шахматная зона', 16], ['project-room', 'Проектная комната', 30]),
  }),
  organizationBody('sosh-9', 'growth_point_centre', 'МБОУ СОШ № 9', { rooms: rooms(['project-room', 'Проектная комната', 30]) }),
  organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3', { rooms: rooms(['project-room', 'Проектная комната', 30]) }),
  organizationBody('ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5', { rooms: rooms(['music-hall', 'Музыкальный зал', 40]) }),
  organizationBody('ds-9', 'kindergarten', 'МБДОУ ЦРР д/с № 9', { rooms: rooms(['music-hall', 'Музыкальный зал', 40]) }),
];

export interface District {
  coordinator: Api;
  head5: Api;
  head9: Api;
  head3: Api;
  staff5: Api;
  ds9: Api;
  /** Agreement ids: СОШ № 5 + СОШ № 9 (to 31 May 2023), СОШ № 5 + д/с № 9, СОШ № 3 + д/с № 5, СОШ № 5 + СОШ № 9 + СОШ № 3 (framework). */
  agreements: { s5s9: string; s5ds9: string; s3ds5: string; network: string };
}

const responsible = (name: string) => ({ name });

/** Register the organisations and load signed agreements, then wait until the calendar has learnt of them. */
export async function setUpDistrict(stack: DistrictStack, prefix = ''): Promise<District> {
  const rpc = stack.gateway.runtime.bus.rpc;
  for (const organization of ORGANIZATIONS) {
    await rpc.request(agreementRpcs.registerOrganization, { actor: COORDINATOR, organization: organization as never });
  }
  const load = async (number: string, parties: string[], validTo = '2023-05-31') =>
    (
      await rpc.request(agreementRpcs.import, {
        actor: COORDINATOR,
        agreement: {
          number: `${prefix}${number}`,
          title: 'Соглашение о сетевом взаимодействии и сотрудничестве',
          parties: parties.map((organizationId) => ({ organizationId, responsible: responsible(`Ответственный ${organizationId}`) })),
          directions: ['chess', 'robotics', 'career_guidance'],
          validFrom: '2022-10-10',
          validTo,
        },
        signedOn: Object.fromEntries(parties.map((p) => [p, '2022-10-07'])),
      })
    ).id;
  const agreements = {
    s5s9: await load('СВ-2022/03', ['sosh-5', 'sosh-9']),
    s5ds9: await load('СВ-2022/01', ['sosh-5', 'ds-9']),
    s3ds5: await load('СВ-2022/02', ['sosh-3', 'ds-5']),
    network: await load('СВ-2022/06', ['mk-moshr', 'sosh-5', 'sosh-9', 'sosh-3']),
  };
  await calendarKnows(
    stack,
    ORGANIZATIONS.map((o) => o.id),
    Object.values(agreements),
  );
  const [coordinator, head5, head9, head3, staff5, ds9] = await Promise.all([
    userApi(stack.gateway, `metodist${prefix}@mk-moshr.test`, 'coordinator', 'mk-moshr'),
    userApi(stack.gateway, `head${prefix}@sosh5.test`, 'centre_head', 'sosh-5'),
    userApi(stack.gateway, `head${prefix}@sosh9.test`, 'centre_head', 'sosh-9'),
    userApi(stack.gateway, `head${prefix}@sosh3.test`, 'centre_head', 'sosh-3'),
    userApi(stack.gateway, `teacher${prefix}@sosh5.test`, 'staff', 'sosh-5'),
    userApi(stack.gateway, `zav${prefix}@ds9.test`, 'kindergarten', 'ds-9'),
  ]);
  return { coordinator, head5, head9, head3, staff5, ds9, agreements };
}

/** The calendar learns of organisations and agreements from events: wait until its read models have them. */
export async function calendarKnows(stack: DistrictStack, organizationIds: string[], agreementIds: string[]): Promise<void> {
  const rpc = stack.gateway.runtime.bus.rpc;
  const feed = (scope: any) => rpc.request(calendarRpcs.feed, { actor: COORDINATOR, scope, publicUrl: 'http://localhost' });
  await eventually(async () => {
    for (const organizationId of organizationIds) await feed({ kind: 'organization', organizationId });
    for (const agreementId of agreementIds) await feed({ kind: 'agreement', agreementId });
    return true;
  });
}

/** A valid proposal body: the «Белая ладья» tournament at СОШ № 5 with СОШ № 9 (16 November 2022, 10:00–13:00 Moscow). */
export function tournament(agreementId: string, overrides: Record<string, unknown> = {}) {
  return {
    hostId: 'sosh-5',
    title: 'Турнир по шахматам и шашкам «Белая ладья»',
    description: 'Командный турнир шахматных кружков.',
    kind: 'tournament',
    direction: 'chess',
    venue: 'chess-zone',
    start: '2022-11-16T07:00:00.000Z',
    end: '2022-11-16T10:00:00.000Z',
    audience: ['pupils'],
    grades: '5–9 классы',
    partners: ['sosh-9'],
    agreementId,
    ...overrides,
  };
}

/** Wait until a consumer has handled (acknowledged) everything a producer has published so far. */
export async function consumed(probe: BusProbe, prefix: string, producer: ServiceName, consumer: ServiceName): Promise<void> {
  const jsm = await probe.nc.jetstreamManager();
  await eventually(async () => {
    const info = await jsm.consumers.info(naming.streamName(prefix, producer), naming.durableName(consumer));
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
}
