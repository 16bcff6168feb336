import { Alert, Anchor, Button, Card, Group, List, Modal, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useRef, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatMoment } from '../../shared/format';
import { useFestivals, useOrganizations } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';

type Scope = paths['/api/calendar-subscriptions']['post']['requestBody']['content']['application/json']['scope'];
type Created = paths['/api/calendar-subscriptions']['post']['responses'][201]['content']['application/json'];
type Subscription = paths['/api/calendar-subscriptions']['get']['responses'][200]['content']['application/json']['items'][number];
type Kind = Scope['kind'];

const KINDS: { value: Kind; label: string; description: string }[] = [
  { value: 'organization', label: 'Мероприятия организации', description: 'Все мероприятия, которые организация проводит или на которые её пригласили' },
  { value: 'mine', label: 'Мои мероприятия', description: 'Мероприятия моей организации и те, на которые мы записали группы' },
  { value: 'festival', label: 'Фестиваль', description: 'Программа фестиваля' },
  { value: 'agreement', label: 'Соглашение', description: 'Мероприятия по одному соглашению о сетевом взаимодействии' },
  { value: 'plan', label: 'План района', description: 'Все мероприятия плана-графика центров «Точка роста» района' },
];

function useSubscriptions() {
  return useQuery({ queryKey: ['calendar-subscriptions'], queryFn: () => unwrap(api.GET('/api/calendar-subscriptions')).then((r) => r.items) });
}

/** Copy with the Clipboard API where the page may use it, else by selecting the field's text. */
async function copy(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand('copy');
  }
}

export default function SubscriptionsPage() {
  usePageTitle('Подписки на календарь');
  const me = useMe();
  const orgs = useOrganizations();
  const festivals = useFestivals();
  const subscriptions = useSubscriptions();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('mine');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [festivalId, setFestivalId] = useState<string | null>(null);
  const [agreementId, setAgreementId] = useState<string | null>(null);
  const [created, setCreated] = useState<Created>();
  const [revoking, setRevoking] = useState<Subscription>();
  const orgId = organizationId ?? me.data?.organizationId ?? null;
  const agreements = useQuery({
    queryKey: ['agreements', 'party', me.data?.organizationId],
    queryFn: () => unwrap(api.GET('/api/agreements', { params: { query: { party: me.data!.organizationId, limit: 200 } } })).then((p) => p.items),
    enabled: kind === 'agreement' && !!me.data,
  });

  const create = useMutation({
    mutationFn: (scope: Scope) => unwrap(api.POST('/api/calendar-subscriptions', { body: { scope } })),
    onSuccess: (data) => {
      setCreated(data);
      void queryClient.invalidateQueries({ queryKey: ['calendar-subscriptions'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/calendar-subscriptions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setRevoking(undefined);
      void queryClient.invalidateQueries({ queryKey: ['calendar-subscriptions'] });
    },
  });

  const scope: Scope | undefined =
    kind === 'organization'
      ? orgId
        ? { kind, organizationId: orgId }
        : undefined
      : kind === 'festival'
        ? festivalId
          ? { kind, festivalId }
          : undefined
        : kind === 'agreement'
          ? agreementId
            ? { kind, agreementId }
            : undefined
          : { kind };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (scope) create.mutate(scope);
  };

  return (
    <Stack maw={860} gap="lg">
      <div>
        <Title order={1}>Подписки на календарь</Title>
        <Text c="dimmed">
          Подписка добавляет мероприятия в ваш календарь на телефоне или компьютере и сама обновляется, когда мероприятия переносят или отменяют.
        </Text>
      </div>

      {created ? (
        <CreatedFeed created={created} onDone={() => setCreated(undefined)} />
      ) : (
        <Card withBorder component="section" aria-labelledby="new-sub">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h3" id="new-sub">
                Новая подписка
              </Title>
              <Radio.Group label="Что добавить в календарь" value={kind} onChange={(v) => setKind(v as Kind)} required>
                <Stack gap="xs" mt="xs">
                  {KINDS.map((k) => (
                    <Radio key={k.value} value={k.value} label={k.label} description={k.description} />
                  ))}
                </Stack>
              </Radio.Group>
              {kind === 'organization' && (
                <Select
                  label="Организация"
                  required
                  searchable
                  data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName })).sort((a, b) => a.label.localeCompare(b.label, 'ru'))}
                  value={orgId}
                  onChange={setOrganizationId}
                />
              )}
              {kind === 'festival' && (
                <Select
                  label="Фестиваль"
                  required
                  data={(festivals.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                  value={festivalId}
                  onChange={setFestivalId}
                />
              )}
              {kind === 'agreement' && (
                <Select
                  label="Соглашение"
                  required
                  searchable
                  nothingFoundMessage="У вашей организации нет соглашений"
                  data={(agreements.data ?? []).map((a) => ({ value: a.id, label: `№ ${a.number} — ${a.title}` }))}
                  value={agreementId}
                  onChange={setAgreementId}
                />
              )}
              <ProblemAlert error={create.error} title="Подписка не создана" />
              <div>
                <Button type="submit" disabled={!scope} loading={create.isPending}>
                  Создать подписку
                </Button>
              </div>
            </Stack>
          </form>
        </Card>
      )}

      <section aria-labelledby="subs-title">
        <Title order={2} size="h3" id="subs-title" mb="sm">
          Мои подписки
        </Title>
        <QueryState query={subscriptions}>
          {(items) =>
            items.length ? (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {items.map((s) => (
                  <Card withBorder component="li" key={s.id} padding="sm">
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <div>
                        <Text fw={600}>{s.name}</Text>
                        <Text size="sm" c="dimmed">
                          Создана {formatMoment(s.createdAt)} (МСК)
                        </Text>
                      </div>
                      <Button variant="outline" color="red" onClick={() => setRevoking(s)} aria-label={`Отозвать подписку «${s.name}»`}>
                        Отозвать
                      </Button>
                    </Group>
                  </Card>
                ))}
              </Stack>
            ) : (
              <Text>Подписок пока нет.</Text>
            )
          }
        </QueryState>
      </section>

      {revoking && (
        <Modal opened onClose={() => setRevoking(undefined)} title="Отозвать подписку?">
          <Stack>
            <Text>
              Адрес подписки «{revoking.name}» перестанет работать: календарь на телефоне или компьютере больше не будет получать обновления. Удалите подписку и
              в самом календаре.
            </Text>
            <ProblemAlert error={revoke.error} title="Подписка не отозвана" />
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setRevoking(undefined)}>
                Нет, оставить
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(revoking.id)}>
                Да, отозвать
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

function CreatedFeed({ created, onDone }: { created: Created; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean>();
  return (
    <Card withBorder component="section" aria-labelledby="created-title">
      <Stack>
        <Title order={2} size="h3" id="created-title">
          Подписка «{created.name}» создана
        </Title>
        <Alert color="yellow" title="Адрес показывается один раз">
          Сохраните его сейчас или сразу добавьте в календарь. Потерянный адрес нельзя посмотреть снова — создайте новую подписку, а старую отзовите.
        </Alert>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            ref={input}
            label="Адрес календаря"
            value={created.url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button onClick={async () => setCopied(await copy(created.url, input.current))}>Скопировать</Button>
        </Group>
        <Text role="status" size="sm">
          {copied === true ? 'Адрес скопирован.' : copied === false ? 'Не удалось скопировать: выделите адрес и скопируйте его вручную.' : ''}
        </Text>
        <Group>
          <Button component="a" href={created.webcalUrl} variant="light">
            Добавить в календарь
          </Button>
          <Text size="sm" c="dimmed">
            Календарь Apple (iPhone, Mac) и Outlook
          </Text>
        </Group>
        <div>
          <Text fw={600}>Google Календарь</Text>
          <List type="ordered" size="sm" spacing={2}>
            <List.Item>Скопируйте адрес выше.</List.Item>
            <List.Item>
              Откройте <Anchor href="https://calendar.google.com/calendar/r/settings/addbyurl">Google Календарь на компьютере</Anchor>: «Другие календари» → «+»
              → «Добавить по URL».
            </List.Item>
            <List.Item>Вставьте адрес и нажмите «Добавить календарь». На телефоне календарь появится после синхронизации.</List.Item>
          </List>
        </div>
        <Group align="flex-start" gap="md">
          <QRCodeSVG value={created.webcalUrl} size={160} role="img" aria-label="QR-код адреса календаря для телефона" />
          <Text size="sm" maw={360}>
            Наведите камеру телефона на QR-код, чтобы открыть подписку на телефоне.
          </Text>
        </Group>
        <div>
          <Button variant="subtle" onClick={onDone}>
            Готово
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
