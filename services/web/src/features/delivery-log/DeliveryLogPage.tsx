import { Badge, Button, Group, Pagination, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NOTIFICATION_STATUSES } from '@tochka/contracts/browser';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { capitalise, formatMoment, notificationStatusLabels, type NotificationStatus } from '../../shared/format';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';

type Query = NonNullable<paths['/api/notifications']['get']['parameters']['query']>;
type Template = NonNullable<Query['template']>;

/** What each mail template is, in the methodist's words. */
const templateLabels: Record<Template, string> = {
  agreement_signature_request: 'Соглашение: просьба подписать',
  agreement_activated: 'Соглашение вступило в силу',
  agreement_expiring: 'Соглашение скоро закончится',
  agreement_expired: 'Срок соглашения истёк',
  agreement_terminated: 'Соглашение расторгнуто',
  event_proposed: 'Мероприятие на согласование',
  event_approved: 'Мероприятие согласовано',
  event_rejected: 'Мероприятие не согласовано',
  event_invitation: 'Приглашение партнёру',
  event_rescheduled: 'Мероприятие перенесено',
  event_updated: 'Мероприятие изменено',
  event_cancelled: 'Мероприятие отменено',
  registration_confirmed: 'Группа зарегистрирована',
  registration_waitlisted: 'Группа в листе ожидания',
  registration_promoted: 'Место освободилось',
  registration_changed: 'Регистрация изменена',
  registration_cancelled: 'Регистрация отменена',
  event_reminder: 'Напоминание о мероприятии',
  coordinator_digest: 'Сводка координатора',
};

const statusColour: Record<NotificationStatus, string> = { queued: 'blue', sent: 'tochka', failed: 'red' };

/** The delivery log of every mail (coordinator): by status, recipient, template and date; retry a failed one. */
export default function DeliveryLogPage() {
  usePageTitle('Журнал рассылки');
  const [q, setQ] = useState<Query>({});
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications', q, page],
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: { ...q, page, limit: 25 } } })),
  });
  const retry = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/notifications/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
  const set = (patch: Partial<Query>) => {
    setPage(1);
    setQ((x) => ({ ...x, ...patch }));
  };
  return (
    <Stack maw={1200}>
      <Title order={1}>Журнал рассылки</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <Select
          label="Статус"
          placeholder="Любой"
          clearable
          data={NOTIFICATION_STATUSES.map((s) => ({ value: s, label: capitalise(notificationStatusLabels[s]) }))}
          value={q.status ?? null}
          onChange={(v) => set({ status: (v ?? undefined) as Query['status'] })}
        />
        <TextInput
          label="Получатель (e-mail)"
          type="email"
          value={q.recipient ?? ''}
          onChange={(e) => set({ recipient: e.currentTarget.value.trim() || undefined })}
        />
        <Select
          label="Письмо"
          placeholder="Любое"
          clearable
          searchable
          data={Object.entries(templateLabels).map(([value, label]) => ({ value, label }))}
          value={q.template ?? null}
          onChange={(v) => set({ template: (v ?? undefined) as Template | undefined })}
        />
        <TextInput type="date" label="Создано с" value={q.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        <TextInput type="date" label="по" value={q.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
      </SimpleGrid>
      <ProblemAlert error={retry.error} title="Письмо не поставлено в очередь" />
      <QueryState query={list}>
        {(p) => (
          <>
            <Text size="sm" role="status">
              Найдено писем: {p.total}
            </Text>
            <Table.ScrollContainer minWidth={800}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Создано (МСК)</Table.Th>
                    <Table.Th scope="col">Получатель</Table.Th>
                    <Table.Th scope="col">Письмо</Table.Th>
                    <Table.Th scope="col">Статус</Table.Th>
                    <Table.Th scope="col">Попыток</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.items.map((n) => (
                    <Table.Tr key={n.id}>
                      <Table.Td>{formatMoment(n.createdAt)}</Table.Td>
                      <Table.Td>{n.recipient}</Table.Td>
                      <Table.Td>
                        {n.subject}
                        <Text size="xs">{templateLabels[n.template as Template]}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" tt="none" color={statusColour[n.status as NotificationStatus]}>
                          {capitalise(notificationStatusLabels[n.status as NotificationStatus])}
                        </Badge>
                        {n.lastError && n.status !== 'sent' && <Text size="xs">{n.lastError}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {n.attempts}
                          {n.status === 'failed' && (
                            <Button size="xs" variant="light" onClick={() => retry.mutate(n.id)} loading={retry.isPending && retry.variables === n.id}>
                              Повторить
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {p.total > p.limit && (
              <Pagination total={Math.ceil(p.total / p.limit)} value={page} onChange={setPage} getItemProps={(n) => ({ 'aria-label': `Страница ${n}` })} />
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
