import { Anchor, Badge, Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams, Link } from 'react-router';
import { EVENT_STATUSES } from '@tochka/contracts/browser';
import { eventStatusLabel, formatSpan, type EventStatus } from '../../shared/format';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { useHostedEvents, type CalendarEvent } from './queries';

const tabLabels: Record<EventStatus, string> = {
  proposed: 'На согласовании',
  approved: 'Согласованы',
  at_risk: 'Под угрозой',
  rejected: 'Отклонены',
  cancelled: 'Отменены',
  held: 'Проведены',
};

/** The reason a status carries, in the list. */
function reasonOf(e: CalendarEvent): string | undefined {
  if (e.status === 'rejected') return e.rejectionReason && `Причина отклонения: ${e.rejectionReason}`;
  if (e.status === 'at_risk') return e.atRiskReason;
  if (e.status === 'cancelled') return e.cancellationReason && `Причина отмены: ${e.cancellationReason}`;
  if (e.status === 'approved') return e.approvalComment && `Комментарий координатора: ${e.approvalComment}`;
  return undefined;
}

export default function MyEventsPage() {
  usePageTitle('Мероприятия моего центра');
  const me = useMe();
  const events = useHostedEvents(me.data?.organizationId);
  const [search, setSearch] = useSearchParams();
  const tab = (search.get('status') as EventStatus | null) ?? 'proposed';
  return (
    <Stack maw={1000}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Мероприятия моего центра</Title>
        <Button component={Link} to="/proposals/new">
          Предложить мероприятие
        </Button>
      </Group>
      <QueryState query={events}>
        {(all) => (
          <Tabs value={tab} onChange={(t) => setSearch(t ? { status: t } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List>
              {EVENT_STATUSES.map((s) => (
                <Tabs.Tab
                  key={s}
                  value={s}
                  rightSection={
                    <Badge size="sm" variant="light" color="gray">
                      {all.filter((e) => e.status === s).length}
                    </Badge>
                  }
                >
                  {tabLabels[s]}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {EVENT_STATUSES.map((s) => {
              const items = all.filter((e) => e.status === s);
              return (
                <Tabs.Panel key={s} value={s} pt="md">
                  {items.length ? (
                    <Stack gap="xs">
                      {items.map((e) => (
                        <Card key={e.id} withBorder padding="sm">
                          <Group justify="space-between" wrap="wrap" gap="xs">
                            <Anchor component={Link} to={`/my-events/${e.id}`} fw={600}>
                              {e.title}
                            </Anchor>
                            <Text size="sm">{eventStatusLabel(e.status as EventStatus)}</Text>
                          </Group>
                          <Text size="sm">
                            {formatSpan(e.start, e.end)}; {e.venue.roomName}
                            {e.partners.length ? `; партнёры: ${e.partners.map((p) => p.organizationName).join(', ')}` : ''}
                          </Text>
                          {reasonOf(e) && (
                            <Text size="sm" c={s === 'at_risk' || s === 'rejected' ? 'red.9' : 'dimmed'}>
                              {reasonOf(e)}
                            </Text>
                          )}
                        </Card>
                      ))}
                    </Stack>
                  ) : (
                    <Text c="dimmed">Таких мероприятий нет.</Text>
                  )}
                </Tabs.Panel>
              );
            })}
          </Tabs>
        )}
      </QueryState>
    </Stack>
  );
}
