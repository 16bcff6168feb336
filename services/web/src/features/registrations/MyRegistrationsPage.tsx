import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { children, formatSpan, registrationState, type RegistrationStatus } from '../../shared/format';
import { useOrganizationName } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { bodyOf, GroupFields, type GroupValues } from './GroupFields';
import { useCancelRegistration, useMyRegistrations, useUpdateRegistration, type Registration } from './queries';

const statusColour: Record<RegistrationStatus, string> = { confirmed: 'green', waitlisted: 'yellow', cancelled: 'gray' };

export default function MyRegistrationsPage() {
  usePageTitle('Записи моей организации');
  const me = useMe();
  const orgName = useOrganizationName();
  const registrations = useMyRegistrations(me.data?.organizationId);
  const [editing, setEditing] = useState<Registration>();
  const [cancelling, setCancelling] = useState<Registration>();

  return (
    <Stack gap="md" maw={900}>
      <div>
        <Title order={1}>Записи моей организации</Title>
        {me.data && <Text c="dimmed">{orgName(me.data.organizationId)}. Время московское (МСК).</Text>}
      </div>
      <QueryState query={registrations}>
        {(items) => {
          const sorted = [...items].sort((a, b) => a.event.start.localeCompare(b.event.start));
          const active = sorted.filter((r) => r.status !== 'cancelled');
          const cancelled = sorted.filter((r) => r.status === 'cancelled');
          return (
            <>
              {!active.length && (
                <Alert color="gray" title="Активных записей нет">
                  Откройте мероприятие в{' '}
                  <Anchor component={Link} to="/calendar">
                    календаре
                  </Anchor>{' '}
                  и запишите группу.
                </Alert>
              )}
              <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Активные записи">
                {active.map((r) => (
                  <RegistrationCard key={r.id} r={r} onEdit={() => setEditing(r)} onCancel={() => setCancelling(r)} />
                ))}
              </Stack>
              {cancelled.length > 0 && (
                <section aria-labelledby="cancelled-title">
                  <Title order={2} size="h4" id="cancelled-title" mt="md" mb="xs">
                    Отменённые записи
                  </Title>
                  <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                    {cancelled.map((r) => (
                      <RegistrationCard key={r.id} r={r} />
                    ))}
                  </Stack>
                </section>
              )}
            </>
          );
        }}
      </QueryState>
      {editing && <EditDialog registration={editing} onClose={() => setEditing(undefined)} />}
      {cancelling && <CancelDialog registration={cancelling} onClose={() => setCancelling(undefined)} />}
    </Stack>
  );
}

function RegistrationCard({ r, onEdit, onCancel }: { r: Registration; onEdit?: () => void; onCancel?: () => void }) {
  const status = r.status as RegistrationStatus;
  return (
    <Card withBorder component="li" aria-label={`«${r.groupName}» на «${r.event.title}»`}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Anchor component={Link} to={`/events/${r.eventId}`} fw={600} size="lg">
            {r.event.title}
          </Anchor>
          <Badge color={statusColour[status]} variant="light" tt="none" size="lg" radius="sm">
            {registrationState({ status, waitlistPosition: r.waitlistPosition })}
          </Badge>
        </Group>
        <Text>{formatSpan(r.event.start, r.event.end)}</Text>
        <Text size="sm" c="dimmed">
          {r.event.venueName}, {r.event.hostName}, {r.event.address}
        </Text>
        <Text>
          Группа «{r.groupName}», {children(r.children)}
          {r.ageBand ? `, ${r.ageBand}` : ''}. Сопровождающие: {r.adults.map((a) => `${a.name} (${a.phone})`).join(', ')}. Почта: {r.contactEmail}
        </Text>
        {r.cancellationReason && <Text size="sm">Причина отмены: {r.cancellationReason}</Text>}
        {(onEdit || onCancel) && (
          <Group mt="xs" gap="sm">
            {onEdit && (
              <Button variant="light" onClick={onEdit} aria-label={`Изменить запись «${r.groupName}»`}>
                Изменить
              </Button>
            )}
            {onCancel && (
              <Button variant="outline" color="red" onClick={onCancel} aria-label={`Отменить запись «${r.groupName}»`}>
                Отменить запись
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function EditDialog({ registration: r, onClose }: { registration: Registration; onClose: () => void }) {
  const update = useUpdateRegistration();
  const [values, setValues] = useState<GroupValues>({
    groupName: r.groupName,
    children: r.children,
    ageBand: r.ageBand ?? '',
    adults: r.adults.map((a) => ({ ...a })),
    contactEmail: r.contactEmail,
    notes: r.notes ?? '',
  });
  const problem = update.error instanceof ApiProblem ? update.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { groupName: _name, ...patch } = bodyOf(values);
    update.mutate({ id: r.id, eventId: r.eventId, patch }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={`Изменить запись «${r.groupName}»`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">Группа может расти только на свободные места; уменьшить её можно всегда.</Text>
          <ProblemAlert error={update.error} title="Запись не изменена" />
          <GroupFields values={values} onChange={setValues} errors={problem?.fieldErrors() ?? {}} withName={false} />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={onClose}>
              Не менять
            </Button>
            <Button type="submit" loading={update.isPending}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelDialog({ registration: r, onClose }: { registration: Registration; onClose: () => void }) {
  const cancel = useCancelRegistration();
  return (
    <Modal opened onClose={onClose} title="Отменить запись?">
      <Stack>
        <Text>
          Отменить запись группы «{r.groupName}» ({children(r.children)}) на «{r.event.title}», {formatSpan(r.event.start, r.event.end)}? Освободившиеся места
          получат группы из листа ожидания.
        </Text>
        <ProblemAlert error={cancel.error} title="Запись не отменена" />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            Нет, оставить
          </Button>
          <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate({ id: r.id, eventId: r.eventId }, { onSuccess: onClose })}>
            Да, отменить запись
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
