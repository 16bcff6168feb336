import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { AUDIENCES, DIRECTIONS, EVENT_KINDS } from '@tochka/contracts/browser';
import { ApiProblem } from '../../api/problem';
import {
  audienceLabels,
  formatCalendarDate,
  formatTime,
  moscowDate,
  moscowHhmm,
  moscowInstant,
  directionLabels,
  eventKindLabels,
  type Audience,
  type Direction,
  type EventKind,
} from '../../shared/format';
import { useOrganizations, type Organization } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { useEvent, type EventDetails } from '../events/queries';
import {
  useAgreementsValidOn,
  useEventsBetween,
  usePartnersOn,
  usePropose,
  useSaveProposal,
  type EventInput,
  type EventPatch,
  type EventResult,
} from './queries';

interface Values {
  hostId: string;
  title: string;
  description: string;
  kind: string;
  direction: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  partners: string[];
  agreementId: string;
  audience: string[];
  grades: string;
  seats: number | '';
  groups: number | '';
  deadlineDate: string;
  deadlineTime: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

const empty = (hostId: string): Values => ({
  hostId,
  title: '',
  description: '',
  kind: 'master_class',
  direction: '',
  date: '',
  startTime: '10:00',
  endTime: '11:00',
  venue: '',
  partners: [],
  agreementId: '',
  audience: [],
  grades: '',
  seats: '',
  groups: '',
  deadlineDate: '',
  deadlineTime: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
});

function valuesOf(e: EventDetails): Values {
  return {
    hostId: e.host.organizationId,
    title: e.title,
    description: e.description,
    kind: e.kind,
    direction: e.direction,
    date: moscowDate(new Date(e.start)),
    startTime: moscowHhmm(e.start),
    endTime: moscowHhmm(e.end),
    venue: e.venue.roomKey,
    partners: e.partners.map((p) => p.organizationId),
    agreementId: e.agreementId ?? '',
    audience: e.audience,
    grades: e.grades ?? '',
    seats: e.capacity?.seats ?? '',
    groups: e.capacity?.groups ?? '',
    deadlineDate: e.registrationDeadline ? moscowDate(new Date(e.registrationDeadline)) : '',
    deadlineTime: e.registrationDeadline ? moscowHhmm(e.registrationDeadline) : '',
    contactName: e.contact.name,
    contactPhone: e.contact.phone ?? '',
    contactEmail: e.contact.email ?? '',
  };
}

/** «Предложить мероприятие» (new) and the same form for a proposal not yet approved (edit). */
export default function ProposalPage() {
  const { id } = useParams();
  if (id) return <EditProposal id={id} />;
  return <ProposalForm />;
}

function EditProposal({ id }: { id: string }) {
  const event = useEvent(id);
  return (
    <QueryState query={event}>
      {(e) =>
        e.status === 'proposed' ? (
          <ProposalForm existing={e} />
        ) : (
          <Alert color="gray" title="Изменить предложение нельзя">
            Мероприятие уже {e.status === 'approved' ? 'согласовано' : 'не на согласовании'}: перенести или изменить его можно на странице{' '}
            <Anchor component={Link} to={`/my-events/${e.id}`}>
              мероприятия центра
            </Anchor>
            .
          </Alert>
        )
      }
    </QueryState>
  );
}

function ProposalForm({ existing }: { existing?: EventDetails }) {
  usePageTitle(existing ? 'Изменить предложение' : 'Предложить мероприятие');
  const me = useMe();
  const orgs = useOrganizations();
  const isCoordinator = me.data?.role === 'coordinator';
  const [v, setV] = useState<Values>(() => (existing ? valuesOf(existing) : empty(me.data?.role === 'coordinator' ? '' : (me.data?.organizationId ?? ''))));
  const set = (patch: Partial<Values>) => setV((x) => ({ ...x, ...patch }));
  const host = orgs.data?.find((o) => o.id === v.hostId);
  const propose = usePropose();
  const save = useSaveProposal(existing?.id ?? '');
  const mutation = existing ? save : propose;
  const [saved, setSaved] = useState<EventResult | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: when the user is known
  useEffect(() => {
    if (!v.hostId && me.data && me.data.role !== 'coordinator') set({ hostId: me.data.organizationId });
  }, [me.data]);
  // The contact defaults to the host's head, as the API does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: when the host is chosen
  useEffect(() => {
    if (host && !existing && !v.contactName) set({ contactName: host.head.name, contactEmail: host.head.email, contactPhone: host.head.phone ?? '' });
  }, [host]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(v.date);
  const timesOk = dateOk && /^\d{2}:\d{2}$/.test(v.startTime) && /^\d{2}:\d{2}$/.test(v.endTime) && v.endTime > v.startTime;
  const start = timesOk ? moscowInstant(v.date, v.startTime) : undefined;
  const end = timesOk ? moscowInstant(v.date, v.endTime) : undefined;

  const problem = mutation.error instanceof ApiProblem ? mutation.error : undefined;
  const errors = problem?.fieldErrors() ?? {};

  const body = (): EventInput => ({
    hostId: v.hostId,
    title: v.title.trim(),
    description: v.description.trim(),
    kind: v.kind as EventInput['kind'],
    direction: v.direction as EventInput['direction'],
    venue: v.venue,
    start: start ?? '',
    end: end ?? '',
    audience: v.audience as EventInput['audience'],
    ...(v.grades.trim() ? { grades: v.grades.trim() } : {}),
    partners: v.partners,
    ...(v.partners.length && v.agreementId ? { agreementId: v.agreementId } : {}),
    ...(v.seats !== '' || v.groups !== ''
      ? { capacity: { ...(v.seats !== '' ? { seats: v.seats } : {}), ...(v.groups !== '' ? { groups: v.groups } : {}) } }
      : {}),
    ...(v.deadlineDate && v.deadlineTime ? { registrationDeadline: moscowInstant(v.deadlineDate, v.deadlineTime) } : {}),
    contact: {
      name: v.contactName.trim(),
      ...(v.contactPhone.trim() ? { phone: v.contactPhone.trim() } : {}),
      ...(v.contactEmail.trim() ? { email: v.contactEmail.trim() } : {}),
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    if (!existing) {
      propose.mutate(b, { onSuccess: setSaved });
      return;
    }
    const { hostId: _h, start: s, end: en, ...fields } = b;
    const before = valuesOf(existing);
    const patch: EventPatch = {};
    const was = (k: keyof Values) => JSON.stringify(before[k]) !== JSON.stringify(v[k]);
    if (was('title')) patch.title = fields.title;
    if (was('description')) patch.description = fields.description;
    if (was('kind')) patch.kind = fields.kind;
    if (was('direction')) patch.direction = fields.direction;
    if (was('venue')) patch.venue = fields.venue;
    if (was('partners') || was('agreementId')) {
      patch.partners = fields.partners;
      if (fields.agreementId) patch.agreementId = fields.agreementId;
    }
    if (was('audience')) patch.audience = fields.audience;
    if (was('grades') && fields.grades) patch.grades = fields.grades;
    if ((was('seats') || was('groups')) && fields.capacity) patch.capacity = fields.capacity;
    if (was('contactName') || was('contactPhone') || was('contactEmail')) patch.contact = fields.contact;
    const moved = was('date') || was('startTime') || was('endTime');
    save.mutate(
      { patch, time: moved ? { start: s, end: en, ...(fields.registrationDeadline ? { registrationDeadline: fields.registrationDeadline } : {}) } : undefined },
      { onSuccess: (r) => setSaved(r ?? { event: existing, warnings: [] }) },
    );
  };

  if (saved) {
    return (
      <Stack maw={880}>
        <div ref={savedRef} tabIndex={-1} role="status">
          <Alert color="tochka" title={existing ? 'Изменения сохранены' : 'Мероприятие предложено'}>
            «{saved.event.title}» ждёт согласования методической службы: координатор получил письмо. Пока предложение не согласовано, его можно изменить.
          </Alert>
        </div>
        {saved.warnings.length > 0 && <Warnings items={saved.warnings} title="Обратите внимание" />}
        <Group>
          <Button component={Link} to="/my-events">
            Мероприятия моего центра
          </Button>
          <Button component={Link} to={`/proposals/${saved.event.id}/edit`} variant="light">
            Изменить предложение
          </Button>
          <Anchor component={Link} to={`/events/${saved.event.id}`}>
            Страница мероприятия
          </Anchor>
        </Group>
      </Stack>
    );
  }

  const others = (orgs.data ?? []).filter((o) => o.id !== v.hostId);
  return (
    <Stack maw={960}>
      <div>
        <Title order={1}>{existing ? 'Изменить предложение' : 'Предложить совместное мероприятие'}</Title>
        <Text c="dimmed">
          Выберите дату и партнёров — форма предложит соглашения, действующие для всех на эту дату, и покажет занятость помещений. Время московское. Поля со
          звёздочкой обязательны.
        </Text>
      </div>
      <form onSubmit={submit} noValidate aria-label={existing ? 'Изменить предложение' : 'Предложить мероприятие'}>
        <Stack gap="lg">
          <ProblemAlert error={mutation.error} title="Предложение не сохранено" />

          <Card withBorder component="fieldset">
            <Text component="legend" fw={700} px={4}>
              Что и когда
            </Text>
            <Stack>
              {isCoordinator && !existing && (
                <Select
                  label="Организатор"
                  required
                  searchable
                  data={(orgs.data ?? []).filter((o) => o.kind === 'growth_point_centre').map((o) => ({ value: o.id, label: o.shortName }))}
                  value={v.hostId || null}
                  onChange={(id) => set({ hostId: id ?? '', venue: '', partners: [], agreementId: '', contactName: '' })}
                  error={errors.hostId}
                />
              )}
              <TextInput label="Название" required value={v.title} onChange={(e) => set({ title: e.currentTarget.value })} error={errors.title} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label="Форма"
                  required
                  data={EVENT_KINDS.map((k) => ({ value: k, label: eventKindLabels[k as EventKind] }))}
                  value={v.kind}
                  onChange={(k) => set({ kind: k ?? 'master_class' })}
                  error={errors.kind}
                  allowDeselect={false}
                />
                <Select
                  label="Направление"
                  required
                  searchable
                  data={DIRECTIONS.map((d) => ({ value: d, label: directionLabels[d as Direction] }))}
                  value={v.direction || null}
                  onChange={(d) => set({ direction: d ?? '' })}
                  error={errors.direction}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  type="date"
                  label="Дата"
                  required
                  value={v.date}
                  onChange={(e) => set({ date: e.currentTarget.value, agreementId: '' })}
                  error={errors.start}
                />
                <TextInput type="time" label="Начало (МСК)" required value={v.startTime} onChange={(e) => set({ startTime: e.currentTarget.value })} />
                <TextInput
                  type="time"
                  label="Окончание (МСК)"
                  required
                  value={v.endTime}
                  onChange={(e) => set({ endTime: e.currentTarget.value })}
                  error={errors.end ?? (dateOk && v.endTime <= v.startTime ? 'Окончание должно быть позже начала' : undefined)}
                />
              </SimpleGrid>
              <Textarea label="Описание" value={v.description} onChange={(e) => set({ description: e.currentTarget.value })} autosize minRows={2} />
            </Stack>
          </Card>

          <Card withBorder component="fieldset">
            <Text component="legend" fw={700} px={4}>
              Партнёры и соглашение
            </Text>
            <Stack>
              <MultiSelect
                label="Партнёры"
                description="Приглашённые организации. Без партнёров соглашение не нужно."
                searchable
                data={others.map((o) => ({ value: o.id, label: o.shortName }))}
                value={v.partners}
                onChange={(p) => set({ partners: p, agreementId: '' })}
                error={errors.partners}
                disabled={!v.hostId}
              />
              <AgreementChoice values={v} set={set} orgs={orgs.data ?? []} error={errors.agreementId} start={start} end={end} />
            </Stack>
          </Card>

          <Card withBorder component="fieldset">
            <Text component="legend" fw={700} px={4}>
              Помещение
            </Text>
            <RoomPicker
              host={host}
              date={dateOk ? v.date : undefined}
              value={v.venue}
              onChange={(venue) => set({ venue })}
              error={errors.venue}
              start={start}
              end={end}
              excludeId={existing?.id}
            />
          </Card>

          <Card withBorder component="fieldset">
            <Text component="legend" fw={700} px={4}>
              Участники и запись
            </Text>
            <Stack>
              <Checkbox.Group label="Для кого" withAsterisk value={v.audience} onChange={(a) => set({ audience: a })} error={errors.audience}>
                <Group mt={4}>
                  {AUDIENCES.map((a) => (
                    <Checkbox key={a} value={a} label={audienceLabels[a as Audience]} />
                  ))}
                </Group>
              </Checkbox.Group>
              <TextInput
                label="Классы или возраст"
                placeholder="например, 5–6 лет или 3–4 классы"
                value={v.grades}
                onChange={(e) => set({ grades: e.currentTarget.value })}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label="Мест для детей"
                  description="Пусто — без ограничения"
                  min={1}
                  value={v.seats}
                  onChange={(n) => set({ seats: typeof n === 'number' ? n : '' })}
                  error={errors['capacity.seats'] ?? errors.capacity}
                />
                <NumberInput
                  label="Групп не больше"
                  description="Пусто — без ограничения"
                  min={1}
                  value={v.groups}
                  onChange={(n) => set({ groups: typeof n === 'number' ? n : '' })}
                  error={errors['capacity.groups']}
                />
              </SimpleGrid>
              {(v.seats !== '' || v.groups !== '') && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    type="date"
                    label="Запись до: дата"
                    description="Пусто — за сутки до начала"
                    value={v.deadlineDate}
                    onChange={(e) => set({ deadlineDate: e.currentTarget.value })}
                    error={errors.registrationDeadline}
                  />
                  <TextInput type="time" label="Запись до: время (МСК)" value={v.deadlineTime} onChange={(e) => set({ deadlineTime: e.currentTarget.value })} />
                </SimpleGrid>
              )}
            </Stack>
          </Card>

          <Card withBorder component="fieldset">
            <Text component="legend" fw={700} px={4}>
              Контактное лицо
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="ФИО"
                required
                value={v.contactName}
                onChange={(e) => set({ contactName: e.currentTarget.value })}
                error={errors['contact.name']}
              />
              <TextInput
                label="Телефон"
                type="tel"
                value={v.contactPhone}
                onChange={(e) => set({ contactPhone: e.currentTarget.value })}
                error={errors['contact.phone']}
              />
              <TextInput
                label="Электронная почта"
                type="email"
                value={v.contactEmail}
                onChange={(e) => set({ contactEmail: e.currentTarget.value })}
                error={errors['contact.email']}
              />
            </SimpleGrid>
          </Card>

          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {existing ? 'Сохранить изменения' : 'Отправить на согласование'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Warnings({ items, title }: { items: string[]; title: string }) {
  return (
    <Alert color="yellow" title={title} styles={{ title: { color: 'var(--mantine-color-dark-9)' }, message: { color: 'var(--mantine-color-dark-9)' } }}>
      <List size="sm">
        {items.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Only the agreements in force for the host and every chosen partner on the date; a plain sentence when there is none. */
function AgreementChoice({
  values: v,
  set,
  orgs,
  error,
  start,
  end,
}: {
  values: Values;
  set: (p: Partial<Values>) => void;
  orgs: Organization[];
  error?: string;
  start?: string;
  end?: string;
}) {
  const partnersOn = usePartnersOn(v.hostId || undefined, v.date);
  const agreements = useAgreementsValidOn(v.hostId || undefined, v.date);
  const name = (id: string) => orgs.find((o) => o.id === id)?.shortName ?? 'организация';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v.date) ? formatCalendarDate(v.date) : '';

  const { missing, common } = useMemo(() => {
    const by = new Map((partnersOn.data?.partners ?? []).map((p) => [p.organizationId, p.agreementIds]));
    const missing = v.partners.filter((p) => !by.get(p)?.length);
    let common: string[] | undefined;
    for (const p of v.partners) {
      const ids = by.get(p) ?? [];
      common = common === undefined ? ids : common.filter((id) => ids.includes(id));
    }
    return { missing, common: common ?? [] };
  }, [partnersOn.data, v.partners]);

  const choices = (agreements.data ?? []).filter((a) => common.includes(a.id));
  // Exactly one agreement fits: it is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: when the fitting agreements change
  useEffect(() => {
    if (v.partners.length && choices.length === 1 && v.agreementId !== choices[0]!.id) set({ agreementId: choices[0]!.id });
  }, [choices.map((c) => c.id).join(), v.partners.length]);

  if (!v.partners.length) return <Text size="sm">Без партнёров мероприятие проводится без соглашения.</Text>;
  if (!day) return <Text size="sm">Укажите дату: соглашение должно действовать в день мероприятия.</Text>;
  if (partnersOn.isPending || agreements.isPending) return <Text size="sm">Проверяем соглашения на {day}…</Text>;

  return (
    <Stack gap="xs">
      {missing.length > 0 && (
        <Alert color="red" title="Нет соглашения" role="alert">
          {missing.map((p) => (
            <Text key={p} size="sm">
              Нет действующего соглашения с {name(p)} на {day}
            </Text>
          ))}
          <Text size="sm" mt={4}>
            Уберите этого партнёра, выберите другую дату или оформите соглашение в разделе{' '}
            <Anchor component={Link} to="/agreements">
              «Соглашения»
            </Anchor>
            .
          </Text>
        </Alert>
      )}
      {!missing.length && !choices.length && (
        <Alert color="red" title="Нет общего соглашения" role="alert">
          С каждым из выбранных партнёров есть соглашение, но нет одного, действующего для всех них на {day}. Разделите мероприятие или выберите партнёров
          одного соглашения.
        </Alert>
      )}
      {choices.length > 0 && (
        <Radio.Group
          label="Соглашение"
          withAsterisk
          description={`Действующие на ${day} для организатора и всех партнёров`}
          value={v.agreementId}
          onChange={(id) => set({ agreementId: id })}
          error={error}
        >
          <Stack gap={6} mt={6}>
            {choices.map((a) => (
              <Radio key={a.id} value={a.id} label={`№ ${a.number} «${a.title}», по ${formatCalendarDate(a.validTo)}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <PartnerBusy partners={v.partners} start={start} end={end} name={name} />
    </Stack>
  );
}

/** Before saving: partners already taking part in another event at that time (the API warns the same). */
function PartnerBusy({ partners, start, end, name }: { partners: string[]; start?: string; end?: string; name: (id: string) => string }) {
  const first = useEventsBetween(partners[0], start, end);
  const second = useEventsBetween(partners[1], start, end);
  const third = useEventsBetween(partners[2], start, end);
  const warnings: string[] = [];
  [first, second, third].forEach((q, i) => {
    const p = partners[i];
    for (const e of q.data ?? [])
      if (p && (e.status === 'approved' || e.status === 'at_risk') && e.start < end! && e.end > start!)
        warnings.push(`${name(p)} в это время участвует в мероприятии «${e.title}» (${formatTime(e.start)}–${formatTime(e.end)})`);
  });
  return warnings.length ? <Warnings items={warnings} title="Партнёр занят в это время" /> : null;
}

/** Each room of the host with its capacity and its bookings on the chosen day. */
function RoomPicker({
  host,
  date,
  value,
  onChange,
  error,
  start,
  end,
  excludeId,
}: {
  host?: Organization;
  date?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  start?: string;
  end?: string;
  excludeId?: string;
}) {
  const day = useEventsBetween(host?.id, date, date);
  if (!host) return <Text size="sm">Сначала выберите организатора.</Text>;
  const booked = (room: string) =>
    (day.data ?? []).filter(
      (e) => e.id !== excludeId && e.host.organizationId === host.id && e.venue.roomKey === room && e.status !== 'cancelled' && e.status !== 'rejected',
    );
  return (
    <Radio.Group
      label={`Помещение: ${host.shortName}`}
      withAsterisk
      description={date ? `Занятость на ${formatCalendarDate(date)}` : 'Укажите дату, чтобы увидеть занятость'}
      value={value}
      onChange={onChange}
      error={error}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {host.rooms.map((r) => {
          const list = booked(r.key);
          const clash = start && end ? list.filter((e) => e.start < end && e.end > start) : [];
          return (
            <Card key={r.key} withBorder padding="sm">
              <Radio value={r.key} label={`${r.name}, до ${r.capacity} человек`} />
              {date && (
                <Text size="sm" mt={4} c={clash.length ? 'red.9' : undefined}>
                  {list.length
                    ? list
                        .map((e) => `${formatTime(e.start)}–${formatTime(e.end)} «${e.title}»${e.status === 'proposed' ? ' (на согласовании)' : ''}`)
                        .join('; ')
                    : 'Свободно весь день'}
                  {clash.length > 0 && ' — пересекается с выбранным временем'}
                </Text>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </Radio.Group>
  );
}
