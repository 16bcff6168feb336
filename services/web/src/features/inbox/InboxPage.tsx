import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  audienceLabels,
  capacityText,
  directionLabels,
  eventKindLabels,
  formatCalendarDate,
  formatMoment,
  formatSpan,
  formatTime,
  type Audience,
  type Direction,
  type EventKind,
} from '../../shared/format';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useAgreement } from '../events/queries';
import { useDecision, useInbox, useRetry, useRoomDay, type CalendarEvent } from './queries';

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Group gap="xs" mb="xs">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {count !== undefined && (
          <Badge variant={count ? 'filled' : 'light'} color={count ? 'tochka' : 'gray'}>
            {count}
          </Badge>
        )}
      </Group>
      {children}
    </section>
  );
}

/** The coordinator's desk: everything that waits for a decision, oldest first. */
export default function InboxPage() {
  usePageTitle('Входящие');
  const inbox = useInbox(true);
  const [decided, setDecided] = useState<Decided[]>([]);
  const onDecided = (d: Decided) => setDecided((list) => [d, ...list.filter((x) => x.event.id !== d.event.id)]);
  return (
    <Stack gap="xl" maw={1100}>
      <div>
        <Title order={1}>Входящие методической службы</Title>
        <Text c="dimmed">
          Мероприятия на согласовании, соглашения, которые скоро заканчиваются, мероприятия под угрозой и недоставленные письма. Время московское.
        </Text>
      </div>

      <Section id="proposed-title" title="Мероприятия на согласовании" count={inbox.proposed.data?.total}>
        {decided.length > 0 && (
          <Stack gap="xs" mb="md">
            {decided.map((d) => (
              <DecisionNotice key={d.event.id} {...d} />
            ))}
          </Stack>
        )}
        <QueryState query={inbox.proposed}>
          {(p) =>
            p.items.length ? (
              <Stack>
                {[...p.items]
                  .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
                  .map((e) => (
                    <ProposalCard key={e.id} event={e} onDecided={onDecided} />
                  ))}
              </Stack>
            ) : (
              <Text c="dimmed">Новых предложений нет.</Text>
            )
          }
        </QueryState>
      </Section>

      <Section id="expiring-title" title="Соглашения: срок действия заканчивается в ближайшие 30 дней" count={inbox.expiring.data?.length}>
        <QueryState query={inbox.expiring}>
          {(items) =>
            items.length ? (
              <List spacing="xs">
                {items.map((a) => (
                  <List.Item key={a.id}>
                    <Anchor component={Link} to={`/agreements/${a.id}`}>
                      № {a.number} «{a.title}»
                    </Anchor>{' '}
                    — {a.parties.map((x) => x.organizationName).join(', ')}; действует по {formatCalendarDate(a.validTo)}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text c="dimmed">В ближайшие 30 дней ни одно соглашение не заканчивается.</Text>
            )
          }
        </QueryState>
      </Section>

      <Section id="at-risk-title" title="Мероприятия под угрозой" count={inbox.atRisk.data?.total}>
        <QueryState query={inbox.atRisk}>
          {(p) =>
            p.items.length ? (
              <List spacing="xs">
                {p.items.map((e) => (
                  <List.Item key={e.id}>
                    <Anchor component={Link} to={`/events/${e.id}`}>
                      {e.title}
                    </Anchor>{' '}
                    — {e.host.organizationName}, {formatSpan(e.start, e.end)}
                    {e.atRiskReason && (
                      <Text size="sm" c="red.9">
                        {e.atRiskReason}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text c="dimmed">Мероприятий под угрозой нет.</Text>
            )
          }
        </QueryState>
      </Section>

      <Section id="failed-title" title="Недоставленные письма" count={inbox.failed.data?.total}>
        <QueryState query={inbox.failed}>
          {(p) => (p.items.length ? <FailedMails items={p.items} /> : <Text c="dimmed">Все письма доставлены.</Text>)}
        </QueryState>
        <Anchor component={Link} to="/delivery-log" size="sm" mt="xs" display="block">
          Журнал рассылки
        </Anchor>
      </Section>
    </Stack>
  );
}

function FailedMails({ items }: { items: { id: string; recipient: string; subject: string; lastError?: string; failedAt?: string }[] }) {
  const retry = useRetry();
  return (
    <Stack gap="xs">
      <ProblemAlert error={retry.error} title="Письмо не поставлено в очередь" />
      {items.map((n) => (
        <Card key={n.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap">
            <div>
              <Text fw={600}>{n.subject}</Text>
              <Text size="sm">
                Кому: {n.recipient}
                {n.failedAt ? `; не доставлено ${formatMoment(n.failedAt)} (МСК)` : ''}
              </Text>
              {n.lastError && (
                <Text size="sm" c="dimmed">
                  Причина: {n.lastError}
                </Text>
              )}
            </div>
            <Button variant="light" size="sm" onClick={() => retry.mutate(n.id)} loading={retry.isPending && retry.variables === n.id}>
              Отправить ещё раз
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

type Decided = { event: CalendarEvent; warnings: string[] };

/** What the coordinator just decided; stays on the page after the proposal leaves the list. */
function DecisionNotice({ event, warnings }: Decided) {
  const approved = event.status === 'approved';
  return (
    <Alert color={approved ? 'tochka' : 'gray'} role="status" title={approved ? 'Согласовано' : 'Отклонено'}>
      «{event.title}» ({event.host.organizationName}):{' '}
      {approved ? 'включено в план района, организатор и партнёры получат письма.' : 'организатор получит письмо с причиной.'}
      {warnings.map((w) => (
        <Text key={w} size="sm" c="red.9">
          {w}
        </Text>
      ))}
    </Alert>
  );
}

function ProposalCard({ event, onDecided }: { event: CalendarEvent; onDecided: (d: Decided) => void }) {
  const agreement = useAgreement(event.agreementId);
  const roomDay = useRoomDay(event);
  const decision = useDecision(event.id, onDecided);
  const [mode, setMode] = useState<'approve' | 'reject' | null>(null);
  const [text, setText] = useState('');
  const titleId = `proposal-${event.id}`;

  if (decision.isSuccess) return null;

  return (
    <Card withBorder component="article" aria-labelledby={titleId}>
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Anchor component={Link} to={`/events/${event.id}`} fw={700} size="lg" id={titleId}>
          {event.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          предложено {formatMoment(event.createdAt)}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={4}>
          <Text fw={600}>{formatSpan(event.start, event.end)}</Text>
          <Text>
            {eventKindLabels[event.kind as EventKind]}, {directionLabels[event.direction as Direction]};{' '}
            {event.audience.map((a) => audienceLabels[a as Audience]).join(', ')}
            {event.grades ? `, ${event.grades}` : ''}
          </Text>
          <Text>
            Организатор: {event.host.organizationName}; {event.venue.roomName} (вмещает {event.venue.roomCapacity})
          </Text>
          <Text>Партнёры: {event.partners.length ? event.partners.map((p) => p.organizationName).join(', ') : 'без партнёров'}</Text>
          {event.capacity && <Text>Вместимость: {capacityText(event.capacity)}</Text>}
          <Text size="sm">Контакт: {[event.contact.name, event.contact.phone, event.contact.email].filter(Boolean).join(', ')}</Text>
          {event.description && (
            <Text size="sm" c="dimmed">
              {event.description}
            </Text>
          )}
        </Stack>
        <Stack gap="sm">
          <div>
            <Text fw={600} size="sm">
              Соглашение
            </Text>
            <Text size="sm">
              {!event.agreementId
                ? 'Не требуется: мероприятие без партнёров.'
                : agreement.data
                  ? `№ ${agreement.data.number} «${agreement.data.title}», действует с ${formatCalendarDate(agreement.data.validFrom)} по ${formatCalendarDate(agreement.data.validTo)}; стороны: ${agreement.data.parties.map((p) => p.organizationName).join(', ')}`
                  : 'загрузка…'}
            </Text>
          </div>
          <div>
            <Text fw={600} size="sm">
              {event.venue.roomName} в этот день
            </Text>
            <QueryState query={roomDay}>
              {(others) =>
                others.length ? (
                  <List size="sm">
                    {others.map((o) => (
                      <List.Item key={o.id}>
                        {formatTime(o.start)}–{formatTime(o.end)} «{o.title}» ({o.status === 'proposed' ? 'тоже на согласовании' : 'согласовано'})
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <Text size="sm">Других мероприятий в этом помещении нет.</Text>
                )
              }
            </QueryState>
          </div>
        </Stack>
      </SimpleGrid>

      <ProblemAlert error={decision.error} title="Решение не сохранено" />
      {mode === null ? (
        <Group mt="md">
          <Button onClick={() => setMode('approve')}>Согласовать…</Button>
          <Button onClick={() => setMode('reject')} variant="light" color="red">
            Отклонить…
          </Button>
        </Group>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            decision.mutate(mode === 'approve' ? { approve: true, comment: text.trim() || undefined } : { approve: false, reason: text.trim() });
          }}
        >
          <Stack gap="xs" mt="md">
            <Textarea
              label={mode === 'approve' ? 'Комментарий для организатора (необязательно)' : 'Причина отклонения'}
              required={mode === 'reject'}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group>
              <Button
                type="submit"
                variant={mode === 'approve' ? 'filled' : 'outline'}
                color={mode === 'approve' ? undefined : 'red'}
                loading={decision.isPending}
                disabled={mode === 'reject' && !text.trim()}
              >
                {mode === 'approve' ? 'Согласовать и включить в план' : 'Отклонить предложение'}
              </Button>
              <Button variant="subtle" onClick={() => setMode(null)}>
                Отмена
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
