import { startAgreements } from '@tochka/agreements';
import { startGateway } from '@tochka/gateway';
import { Api, BusProbe, createTestEnv, ManualClock, organizationBody, Started, startStack, TestEnv, userApi } from '@tochka/testing';

describe('agreements through the gateway', () => {
  let env: TestEnv;
  let clock: ManualClock;
  let stack: Started<{ agreements: typeof startAgreements; gateway: typeof startGateway }>;
  let probe: BusProbe;
  let coordinator: Api, head3: Api, ds5: Api, staff3: Api, head5: Api, head9: Api;

  const draft = (overrides: Record<string, unknown> = {}) => ({
    number: `СВ-2022/${Math.floor(Math.random() * 1e6)}`,
    title: 'Соглашение о сетевом взаимодействии и сотрудничестве',
    parties: [
      { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.', position: 'Руководитель центра' } },
      { organizationId: 'ds-5', responsible: { name: 'Шевчук О.Н.', position: 'Старший воспитатель' } },
    ],
    directions: ['robotics', 'traffic_safety'],
    validFrom: '2022-11-01',
    validTo: '2023-08-31',
    ...overrides,
  });

  /** A draft created by the head of СОШ № 3, proposed and signed by both parties. */
  const activeAgreement = async (overrides: Record<string, unknown> = {}) => {
    const created = await head3.post('/api/agreements', draft(overrides));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await head3.post(`/api/agreements/${id}/propose`)).status).toBe(200);
    expect((await head3.post(`/api/agreements/${id}/sign`)).status).toBe(200);
    const done = await ds5.post(`/api/agreements/${id}/sign`);
    expect(done.body.status).toBe('active');
    return done.body;
  };

  const eventsOf = async (id: string) =>
    (await probe.events('agreements')).filter((e) => (e.envelope.data as any).agreement?.id === id).map((e) => e.envelope.type);

  beforeAll(async () => {
    env = createTestEnv();
    clock = new ManualClock('2022-10-20T09:00:00Z');
    stack = await startStack(env, { agreements: startAgreements, gateway: startGateway }, { clock });
    probe = await BusProbe.connect(env);
    coordinator = await userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr');
    for (const body of [
      organizationBody('mk-moshr', 'methodical_service', 'МКУ «МК МОЩР»'),
      organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3', { centre: { profile: 'digital_humanitarian', openedYear: 2020 } }),
      organizationBody('sosh-5', 'growth_point_centre', 'МБОУ СОШ № 5', { centre: { profile: 'digital_humanitarian', openedYear: 2019 } }),
      organizationBody('sosh-9', 'growth_point_centre', 'МБОУ СОШ № 9'),
      organizationBody('ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5'),
    ]) {
      expect((await coordinator.post('/api/organizations', body)).status).toBe(201);
    }
    [head3, ds5, staff3, head5, head9] = await Promise.all([
      userApi(stack.gateway, 'head@sosh3.test', 'centre_head', 'sosh-3'),
      userApi(stack.gateway, 'metodist@ds5.test', 'kindergarten', 'ds-5'),
      userApi(stack.gateway, 'teacher@sosh3.test', 'staff', 'sosh-3'),
      userApi(stack.gateway, 'head@sosh5.test', 'centre_head', 'sosh-5'),
      userApi(stack.gateway, 'head@sosh9.test', 'centre_head', 'sosh-9'),
    ]);
  });

  afterAll(async () => {
    await stack?.close();
    await probe?.close();
    await env?.cleanup();
  });

  describe('organisations', () => {
    it('the coordinator registers and edits; everyone reads; others get 403', async () => {
      const list = await staff3.get('/api/organizations?kind=growth_point_centre');
      expect(list.status).toBe(200);
      expect(list.body.items.map((o: any) => o.id)).toEqual(['sosh-3', 'sosh-5', 'sosh-9']);
      expect(list.body.total).toBe(3);
      const one = await ds5.get('/api/organizations/sosh-3');
      expect(one.body).toMatchObject({
        shortName: 'МБОУ СОШ № 3',
        centre: { profile: 'digital_humanitarian', openedYear: 2020 },
        rooms: [{ key: 'room-1', capacity: 20 }],
      });

      expect((await head3.post('/api/organizations', organizationBody('ds-9', 'kindergarten', 'д/с № 9'))).status).toBe(403);
      expect((await head3.patch('/api/organizations/sosh-3', { shortName: 'Другое' })).status).toBe(403);

      const patched = await coordinator.patch('/api/organizations/sosh-3', {
        rooms: [
          { key: 'room-1', name: 'Кабинет информатики', capacity: 20 },
          { key: 'chess-zone', name: 'Шахматная зона', capacity: 16 },
        ],
      });
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(2);
      const types = (await probe.events('agreements')).filter((e) => (e.envelope.data as any).organization?.id === 'sosh-3').map((e) => e.envelope.type);
      expect(types).toEqual(['organization.registered', 'organization.updated']);
    });

    it('rejects bad organisations in Russian and stores nothing', async () => {
      const bad = await coordinator.post(
        '/api/organizations',
        organizationBody('ds-x', 'kindergarten', 'д/с', { centre: { profile: 'digital_humanitarian', openedYear: 2020 } }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toEqual({ path: 'centre', message: 'Профиль и год открытия указываются только для центра «Точка роста»' });
      const dup = await coordinator.post('/api/organizations', organizationBody('sosh-5', 'growth_point_centre', 'Дубликат'));
      expect(dup.status).toBe(409);
      expect(dup.body.detail).toContain('уже зарегистрирована');
      expect((await coordinator.get('/api/organizations/ds-x')).status).toBe(404);
      expect((await coordinator.get('/api/organizations/sosh-5')).body.shortName).toBe('МБОУ СОШ № 5');
    });
  });

  describe('lifecycle', () => {
    it('draft → proposed → signed by each party → active, with exactly these events in order', async () => {
      const created = await head3.post('/api/agreements', draft({ number: 'СВ-2022/07' }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'draft', number: 'СВ-2022/07', signatures: [], createdBy: { organizationId: 'sosh-3' } });
      expect(created.body.parties.map((p: any) => p.organizationName)).toEqual(['МБОУ СОШ № 3', 'МБДОУ ЦРР д/с № 5']);
      const id = created.body.id;

      expect((await head3.post(`/api/agreements/${id}/propose`)).body.status).toBe('proposed');
      clock.advance(5 * 60_000);
      const first = await ds5.post(`/api/agreements/${id}/sign`, {});
      expect(first.body.status).toBe('proposed');
      expect(first.body.signatures).toEqual([{ organizationId: 'ds-5', userId: expect.any(String), signedAt: '2022-10-20T09:05:00.000Z' }]);
      const second = await head3.post(`/api/agreements/${id}/sign`, { organizationId: 'sosh-3' });
      expect(second.body.status).toBe('active');
      expect(second.body.activatedAt).toBe('2022-10-20T09:05:00.000Z');

      const log = await staff3.get(`/api/agreements/${id}`);
      expect(log.status).toBe(200);
      expect(log.body.signatures.map((s: any) => s.organizationId)).toEqual(['ds-5', 'sosh-3']);
      expect(await eventsOf(id)).toEqual(['agreement.proposed', 'agreement.signed', 'agreement.signed', 'agreement.activated']);
      const activated = (await probe.events('agreements')).find(
        (e) => e.envelope.type === 'agreement.activated' && (e.envelope.data as any).agreement.id === id,
      )!;
      expect((activated.envelope.data as any).agreement).toMatchObject({
        validFrom: '2022-11-01',
        validTo: '2023-08-31',
        directions: ['robotics', 'traffic_safety'],
        version: 4,
      });
    });

    it('counts both signatures when the two heads sign at the same moment, and activates once', async () => {
      for (let round = 0; round < 3; round++) {
        const created = await head3.post('/api/agreements', draft());
        const id = created.body.id;
        await head3.post(`/api/agreements/${id}/propose`);
        const [a, b] = await Promise.all([head3.post(`/api/agreements/${id}/sign`), ds5.post(`/api/agreements/${id}/sign`)]);
        expect([a.status, b.status]).toEqual([200, 200]);
        const final = await head3.get(`/api/agreements/${id}`);
        expect(final.body.status).toBe('active');
        expect(final.body.signatures.map((s: any) => s.organizationId).sort()).toEqual(['ds-5', 'sosh-3']);
        expect(await eventsOf(id)).toEqual(['agreement.proposed', 'agreement.signed', 'agreement.signed', 'agreement.activated']);
      }
    });

    it('refuses every other transition with 409 naming the current state', async () => {
      const created = await head3.post('/api/agreements', draft());
      const id = created.body.id;
      const signDraft = await head3.post(`/api/agreements/${id}/sign`);
      expect(signDraft.status).toBe(409);
      expect(signDraft.body.detail).toBe('Нельзя подписать соглашение: соглашение в статусе «черновик»');
      expect(signDraft.body.currentStatus).toBe('draft');
      expect((await coordinator.post(`/api/agreements/${id}/terminate`, { reason: 'x' })).status).toBe(409);
      expect((await head3.post(`/api/agreements/${id}/renew`, {})).status).toBe(409);

      const active = await activeAgreement();
      for (const [path, body] of [
        ['propose', {}],
        ['withdraw', {}],
        ['sign', {}],
      ] as const) {
        const res = await head3.post(`/api/agreements/${active.id}/${path}`, body);
        expect(res.status).toBe(409);
      }
      expect((await head3.post(`/api/agreements/${active.id}/propose`)).body.detail).toContain('«действует»');

      const terminated = await coordinator.post(`/api/agreements/${active.id}/terminate`, { reason: 'Реорганизация детского сада' });
      expect(terminated.body).toMatchObject({ status: 'terminated', terminationReason: 'Реорганизация детского сада', terminatedOn: '2022-10-20' });
      const again = await coordinator.post(`/api/agreements/${active.id}/terminate`, { reason: 'Ещё раз' });
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain('«расторгнуто»');

      const withdrawn = await head3.post(`/api/agreements/${id}/withdraw`, { reason: 'Передумали' });
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Передумали' });
      expect((await head3.post(`/api/agreements/${id}/propose`)).body.detail).toContain('«отозвано»');
    });

    it('allows each action only in its states (the full table), else 409 with the state', async () => {
      const allowed: Record<string, string[]> = {
        propose: ['draft'],
        sign: ['proposed'],
        withdraw: ['draft', 'proposed'],
        terminate: ['active'],
        renew: ['active'],
      };
      const inState = async (status: string) => {
        const id = (await head3.post('/api/agreements', draft())).body.id;
        if (status === 'withdrawn') await head3.post(`/api/agreements/${id}/withdraw`);
        if (status === 'draft' || status === 'withdrawn') return id;
        await head3.post(`/api/agreements/${id}/propose`);
        if (status === 'proposed') return id;
        await head3.post(`/api/agreements/${id}/sign`);
        await ds5.post(`/api/agreements/${id}/sign`);
        if (status === 'terminated') await coordinator.post(`/api/agreements/${id}/terminate`, { reason: 'Проверка' });
        return id;
      };
      for (const status of ['draft', 'proposed', 'active', 'terminated', 'withdrawn']) {
        for (const [action, states] of Object.entries(allowed)) {
          const id = await inState(status);
          // The head of ds-5 signs (СОШ № 3 signed in the setup); the coordinator does the rest.
          const actor = action === 'sign' ? ds5 : coordinator;
          const res = await actor.post(`/api/agreements/${id}/${action}`, action === 'terminate' ? { reason: 'Проверка' } : {});
          if (states.includes(status)) {
            expect([200, 201]).toContain(res.status);
          } else {
            expect({ status, action, code: res.status }).toEqual({ status, action, code: 409 });
            expect(res.body.currentStatus).toBe(status);
          }
        }
      }
    });

    it('renews an active agreement as a new draft for the next period, linked to the old one', async () => {
      const active = await activeAgreement({ number: 'СВ-2022/21' });
      const renewed = await ds5.post(`/api/agreements/${active.id}/renew`, {});
      expect(renewed.status).toBe(201);
      expect(renewed.body).toMatchObject({
        status: 'draft',
        number: 'СВ-2023/21',
        previousAgreementId: active.id,
        validFrom: '2023-09-01',
        validTo: '2024-08-31',
        parties: active.parties,
      });
      const taken = await ds5.post(`/api/agreements/${active.id}/renew`, {});
      expect(taken.status).toBe(409);
      expect(taken.body.detail).toContain('СВ-2023/21');
      expect((await ds5.post(`/api/agreements/${active.id}/renew`, { number: 'СВ-2023/21-б', validTo: '2024-05-31' })).body.validTo).toBe('2024-05-31');
    });
  });

  describe('loading agreements signed on paper', () => {
    const paper = (number: string, validFrom: string, validTo: string) => ({
      agreement: { ...draft({ number, validFrom, validTo }) },
      signedOn: { 'sosh-3': validFrom, 'ds-5': validFrom },
    });
    const published = async (id: string) =>
      (await probe.events('agreements'))
        .filter((e) => (e.envelope.data as any).agreement?.id === id)
        .map((e) => ({
          type: e.envelope.type,
          imported: (e.envelope.data as any).imported,
          status: (e.envelope.data as any).agreement.status,
          version: (e.envelope.data as any).agreement.version,
        }));

    it('one in force is active, announced as imported; loading it again changes nothing', async () => {
      const body = paper('СВ-2022/40', '2022-09-01', '2023-05-31');
      const loaded = await coordinator.post('/api/agreements/import', body);
      expect(loaded.status).toBe(201);
      expect(loaded.body).toMatchObject({ status: 'active', version: 1, activatedAt: '2022-09-01T09:00:00.000Z' });
      expect((await coordinator.post('/api/agreements/import', body)).body).toEqual(loaded.body);
      expect(await published(loaded.body.id)).toEqual([{ type: 'agreement.activated', imported: true, status: 'active', version: 1 }]);
      expect((await head3.post('/api/agreements/import', paper('СВ-2022/41', '2022-09-01', '2023-05-31'))).status).toBe(403);
    });

    it('one whose term ended before today is expired from the day after its end, both steps announced as imported', async () => {
      const loaded = await coordinator.post('/api/agreements/import', paper('СВ-2021/07', '2021-09-01', '2022-05-31'));
      expect(loaded.status).toBe(201);
      expect(loaded.body).toMatchObject({ status: 'expired', version: 2, expiredAt: '2022-05-31T21:00:00.000Z' });
      expect(await published(loaded.body.id)).toEqual([
        { type: 'agreement.activated', imported: true, status: 'active', version: 1 },
        { type: 'agreement.expired', imported: true, status: 'expired', version: 2 },
      ]);
      // Still valid for what happened during its term.
      const onDate = await coordinator.get('/api/agreements?validOn=2022-03-01&party=ds-5');
      expect(onDate.body.items.map((a: any) => a.number)).toContain('СВ-2021/07');
    });
  });

  describe('who may', () => {
    it('creates only with its own organisation; staff may not create or sign; anyone signed in reads', async () => {
      expect((await staff3.post('/api/agreements', draft())).status).toBe(403);
      const foreign = await head5.post('/api/agreements', draft());
      expect(foreign.status).toBe(403);
      expect(foreign.body.detail).toBe('Можно создать соглашение только с участием своей организации');
      expect((await coordinator.post('/api/agreements', draft())).status).toBe(201);
      expect((await staff3.get('/api/agreements')).status).toBe(200);
      expect((await new Api(stack.gateway.url).get('/api/agreements')).status).toBe(401);
    });

    it('signs only for its own organisation and only as a party', async () => {
      const created = await head3.post('/api/agreements', draft());
      const id = created.body.id;
      await coordinator.post(`/api/agreements/${id}/propose`);
      const forOther = await ds5.post(`/api/agreements/${id}/sign`, { organizationId: 'sosh-3' });
      expect(forOther.status).toBe(403);
      expect(forOther.body.detail).toBe('Подписать соглашение можно только от имени своей организации');
      const notParty = await head9.post(`/api/agreements/${id}/sign`);
      expect(notParty.status).toBe(403);
      expect(notParty.body.detail).toBe('Ваша организация не является стороной этого соглашения');
      expect((await staff3.post(`/api/agreements/${id}/sign`)).status).toBe(403);
      expect((await head5.post(`/api/agreements/${id}/propose`)).status).toBe(403);
      expect((await head5.post(`/api/agreements/${id}/withdraw`)).status).toBe(403);
      expect((await ds5.post(`/api/agreements/${id}/sign`)).status).toBe(200);
      const twice = await ds5.post(`/api/agreements/${id}/sign`);
      expect(twice.status).toBe(409);
      expect(twice.body.detail).toBe('Ваша организация уже подписала это соглашение');
      const terminateByHead = await head3.post(`/api/agreements/${id}/terminate`, { reason: 'x' });
      expect(terminateByHead.status).toBe(403);
    });
  });

  describe('bad input: 4xx in Russian, nothing stored', () => {
    const count = async () => (await coordinator.get('/api/agreements?limit=1')).body.total;

    it.each([
      ['validFrom after validTo', { validFrom: '2023-09-01', validTo: '2023-08-31' }, 'validTo', 'Дата окончания действия раньше даты начала'],
      [
        'fewer than two parties',
        { parties: [{ organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } }] },
        'parties',
        'В соглашении должно быть не меньше двух сторон',
      ],
      [
        'the same party twice',
        {
          parties: [
            { organizationId: 'sosh-3', responsible: { name: 'А' } },
            { organizationId: 'sosh-3', responsible: { name: 'Б' } },
          ],
        },
        'parties.1.organizationId',
        'Организация «sosh-3» указана дважды',
      ],
      [
        'an unknown organisation',
        {
          parties: [
            { organizationId: 'sosh-3', responsible: { name: 'А' } },
            { organizationId: 'sosh-404', responsible: { name: 'Б' } },
          ],
        },
        'parties.1.organizationId',
        'Организация «sosh-404» не найдена',
      ],
    ])('%s → 400', async (_name, overrides, path, message) => {
      const before = await count();
      const res = await coordinator.post('/api/agreements', draft(overrides));
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual({ path, message });
      expect(await count()).toBe(before);
    });

    it('a number already used → 409; terminating without a reason → 400', async () => {
      const first = await activeAgreement({ number: 'СВ-2022/99' });
      const before = await count();
      const dup = await coordinator.post('/api/agreements', draft({ number: 'СВ-2022/99' }));
      expect(dup.status).toBe(409);
      expect(dup.body.detail).toBe('Номер соглашения «СВ-2022/99» уже используется');
      expect(await count()).toBe(before);
      const noReason = await coordinator.post(`/api/agreements/${first.id}/terminate`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0]).toEqual({ path: 'reason', message: 'Укажите причину расторжения' });
      expect((await coordinator.get(`/api/agreements/${first.id}`)).body.status).toBe('active');
    });
  });

  describe('queries', () => {
    it('filters by party, status, direction and validity date; lists partners on a date', async () => {
      const chess = await head5.post('/api/agreements', {
        ...draft({ number: 'СВ-2022/05-ш', directions: ['chess', 'health'], validFrom: '2022-11-07', validTo: '2023-05-31' }),
        parties: [
          { organizationId: 'sosh-5', responsible: { name: 'Тымченко О.Ю.' } },
          { organizationId: 'sosh-9', responsible: { name: 'Онищенко С.В.' } },
        ],
      });
      await head5.post(`/api/agreements/${chess.body.id}/propose`);
      await head5.post(`/api/agreements/${chess.body.id}/sign`);
      await head9.post(`/api/agreements/${chess.body.id}/sign`);

      const byDirection = await staff3.get('/api/agreements?direction=chess');
      expect(byDirection.body.items.map((a: any) => a.number)).toEqual(['СВ-2022/05-ш']);
      const byParty = await staff3.get('/api/agreements?party=sosh-9&status=active');
      expect(byParty.body.total).toBe(1);
      expect((await staff3.get('/api/agreements?party=sosh-9&validOn=2022-11-06')).body.total).toBe(0);
      expect((await staff3.get('/api/agreements?party=sosh-9&validOn=2022-11-07')).body.total).toBe(1);
      expect((await staff3.get('/api/agreements?party=sosh-9&validOn=2023-06-01')).body.total).toBe(0);
      const page = await staff3.get('/api/agreements?limit=2&page=1');
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBeGreaterThan(2);

      const partners = await staff3.get('/api/agreements/partners?organizationId=sosh-5&date=2022-12-01');
      expect(partners.body).toEqual({
        organizationId: 'sosh-5',
        date: '2022-12-01',
        partners: [{ organizationId: 'sosh-9', organizationName: 'МБОУ СОШ № 9', agreementIds: [chess.body.id] }],
      });
      const bad = await staff3.get('/api/agreements?validOn=01.12.2022&status=signed');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['status', 'validOn']);
    });
  });
});
