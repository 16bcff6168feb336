import { Alert, Anchor, Badge, Button, Card, Divider, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  audienceLabels,
  capacityText,
  directionLabels,
  eventKindLabels,
  eventStatusLabel,
  formatMoment,
  formatSpan,
  freePlacesText,
  registrationState,
  children as childrenText,
  type Audience,
  type Direction,
  type EventKind,
  type EventStatus,
  type RegistrationStatus,
} from '../../shared/format';
import { may, organisationTakesPart } from '../../shared/permissions';
import { useFestivals } from '../../shared/reference';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { directionColours } from '../calendar/colours';
import { RegistrationForm } from '../registrations/RegistrationForm';
import { downloadIcs, useAgreement, useEvent, useEventRegistrations, type EventDetails, type EventRegistrations } from './queries';

const statusColour: Record<EventStatus, string> = { approved: 'green', proposed: 'yellow', at_risk: 'red', rejected: 'gray', cancelled: 'gray', held: 'blue' };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

export default function EventPage() {
  const { id = '' } = useParams();
  const event = useEvent(id);
  usePageTitle(event.data?.title ?? 'Мероприятие');
  return <QueryState query={event}>{(e) => <EventView event={e} />}</QueryState>;
}

function EventView({ event }: { event: EventDetails }) {
  const me = useMe();
  const hasCapacity = event.capacity !== undefined;
  const registrations = useEventRegistrations(event.id, hasCapacity);
  const agreement = useAgreement(event.agreementId);
  const festivals = useFestivals();
  const festival = festivals.data?.find((f) => f.id === event.festivalId);
  const [icsError, setIcsError] = useState(false);
  const status = event.status as EventStatus;
  const availability = registrations.data?.availability;

  const canRegister = !!me.data && may.registerGroups(me.data.role) && organisationTakesPart(event, me.data.organizationId);

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Group gap="xs" mb={4}>
          <Badge color={directionColours[event.direction as Direction]} variant="filled" tt="none" radius="sm">
            {directionLabels[event.direction as Direction]}
          </Badge>
          <Badge color="gray" variant="light" tt="none" radius="sm">
            {eventKindLabels[event.kind as EventKind]}
          </Badge>
          <Badge color={statusColour[status]} variant="light" tt="none" radius="sm">
            {eventStatusLabel(status)}
          </Badge>
        </Group>
        <Title order={1} td={status === 'cancelled' ? 'line-through' : undefined}>
          {event.title}
        </Title>
        <Text size="lg" mt={4} fw={600}>
          {formatSpan(event.start, event.end)}{' '}
          <Text span c="dimmed" fw={400}>
            (время московское)
          </Text>
        </Text>
      </div>

      {status === 'cancelled' && (
        <Alert color="gray" title="Мероприятие отменено">
          {event.cancellationReason ?? 'Организатор отменил мероприятие.'}
        </Alert>
      )}
      {status === 'at_risk' && (
        <Alert color="red" title="Мероприятие под угрозой">
          {event.atRiskReason ?? 'Соглашение, по которому проводится мероприятие, прекратило действие.'}
        </Alert>
      )}

      {event.description && <Text>{event.description}</Text>}

      <Card withBorder component="section" aria-labelledby="facts-title">
        <Title order={2} size="h4" id="facts-title" mb="sm">
          Где и для кого
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
          <Fact label="Место">
            {event.venue.roomName}, {event.host.organizationName}
            <br />
            {event.venue.address}
          </Fact>
          <Fact label="Организатор">{event.host.organizationName}</Fact>
          <Fact label="Партнёры">{event.partners.length ? event.partners.map((p) => p.organizationName).join(', ') : 'без партнёров'}</Fact>
          <Fact label="Соглашение">
            {!event.agreementId
              ? 'не требуется (без партнёров)'
              : agreement.data
                ? `№ ${agreement.data.number} «${agreement.data.title}»`
                : agreement.isError
                  ? 'нет доступа к соглашению'
                  : 'загрузка…'}
          </Fact>
          <Fact label="Участники">
            {event.audience.map((a) => audienceLabels[a as Audience]).join(', ')}
            {event.grades ? `, ${event.grades}` : ''}
          </Fact>
          <Fact label="Контактное лицо">
            {event.contact.name}
            {event.contact.phone && (
              <>
                , <Anchor href={`tel:${event.contact.phone.replace(/[^+\d]/g, '')}`}>{event.contact.phone}</Anchor>
              </>
            )}
            {event.contact.email && (
              <>
                , <Anchor href={`mailto:${event.contact.email}`}>{event.contact.email}</Anchor>
              </>
            )}
          </Fact>
          {festival && <Fact label="Фестиваль">{festival.name}</Fact>}
          {event.capacity && <Fact label="Вместимость">{capacityText(event.capacity)}</Fact>}
          {availability && (
            <>
              <Fact label="Свободные места">{freePlacesText(availability)}</Fact>
              <Fact label="Запись до">
                {formatMoment(availability.registrationDeadline)} (МСК){availability.open ? '' : ' — запись закрыта'}
              </Fact>
            </>
          )}
        </SimpleGrid>
        <Divider my="md" />
        <Group>
          <Button
            variant="light"
            onClick={() => {
              setIcsError(false);
              downloadIcs(event.id, event.title).catch(() => setIcsError(true));
            }}
          >
            Скачать в календарь (.ics)
          </Button>
          <Anchor component={Link} to="/calendar">
            Вернуться к календарю
          </Anchor>
        </Group>
        {icsError && (
          <Text c="red.8" role="alert" mt="xs">
            Не удалось скачать файл. Попробуйте ещё раз.
          </Text>
        )}
      </Card>

      {registrations.data && <OwnRegistrations data={registrations.data} />}

      {hasCapacity && canRegister && availability?.open && <RegistrationForm event={event} />}
      {hasCapacity && canRegister && availability && !availability.open && (
        <Alert color="yellow" title="Запись закрыта">
          {status === 'cancelled' ? 'Мероприятие отменено.' : `Записаться можно было до ${formatMoment(availability.registrationDeadline)} (МСК).`}
        </Alert>
      )}
      {hasCapacity && me.data && may.registerGroups(me.data.role) && !canRegister && (
        <Alert color="gray" title="Запись групп">
          Записывать группы могут организатор и приглашённые партнёры. Ваша организация не приглашена на это мероприятие.
        </Alert>
      )}
    </Stack>
  );
}

function OwnRegistrations({ data }: { data: EventRegistrations }) {
  const active = data.items.filter((r) => r.status !== 'cancelled');
  if (!active.length) return null;
  return (
    <Card withBorder component="section" aria-labelledby="own-title">
      <Title order={2} size="h4" id="own-title">
        {data.scope === 'all' ? 'Записанные группы' : 'Группы вашей организации'}
      </Title>
      <List mt="xs" spacing={4}>
        {active.map((r) => (
          <List.Item key={r.id}>
            «{r.groupName}», {childrenText(r.children)}
            {data.scope === 'all' ? `, ${r.organizationName}` : ''} —{' '}
            {registrationState({ status: r.status as RegistrationStatus, waitlistPosition: r.waitlistPosition })}
          </List.Item>
        ))}
      </List>
      <Anchor component={Link} to="/registrations" size="sm" mt="xs" display="block">
        Все записи организации
      </Anchor>
    </Card>
  );
}
