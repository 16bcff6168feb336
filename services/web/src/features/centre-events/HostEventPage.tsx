import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type ChangeEvent as InputChangeEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ADULTS,
  children as childrenText,
  countRu,
  eventStatusLabel,
  formatMoment,
  formatSpan,
  GROUPS,
  groups as groupsText,
  moscowDate,
  moscowHhmm,
  moscowInstant,
  organizations as organizationsText,
  registrationState,
  type EventStatus,
  type RegistrationStatus,
} from '../../shared/format';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useEvent, useEventRegistrations, type EventDetails, type EventRegistrations } from '../events/queries';
import { useCancelEvent, useCancelRegistration, useChangeCapacity, useRecordAttendance, useReport, useReschedule, type AttendanceSummary } from './queries';

/** The host's view of its event: what to change, who registered, attendance and the report. */
export default function HostEventPage() {
  const { id = '' } = useParams();
  const event = useEvent(id);
  usePageTitle(event.data?.title ?? 'Мероприятие центра');
  return <QueryState query={event}>{(e) => <HostEvent event={e} />}</QueryState>;
}

function HostEvent({ event }: { event: EventDetails }) {
  const registrations = useEventRegistrations(event.id, event.capacity !== undefined);
  const status = event.status as EventStatus;
  const live = status === 'proposed' || status === 'approved' || status === 'at_risk';
  const ended = Date.parse(event.end) <= Date.now();
  const started = Date.parse(event.start) <= Date.now();
  const active = (registrations.data?.items ?? []).filter((r) => r.status !== 'cancelled');
  // A cancelled event has nothing left to change: the notice of who is told stays with the status.
  const [cancelledNotice, setCancelledNotice] = useState<string | null>(null);

  // Who the mails of a change reach: the host, the partners and every registered group's contact.
  const notified = `Уведомления получат: ${organizationsText(event.partners.length + 1)}${active.length ? `, ${countRu(active.length, GROUPS)}` : ''}`;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Text fw={600}>{eventStatusLabel(status)}</Text>
        <Title order={1} td={status === 'cancelled' ? 'line-through' : undefined}>
          {event.title}
        </Title>
        <Text size="lg">
          {formatSpan(event.start, event.end)} (МСК), {event.venue.roomName}
        </Text>
        <Group gap="md" mt={4}>
          <Anchor component={Link} to={`/events/${event.id}`}>
            Страница мероприятия для участников
          </Anchor>
          {status === 'proposed' && (
            <Anchor component={Link} to={`/proposals/${event.id}/edit`}>
              Изменить предложение
            </Anchor>
          )}
          <Anchor component={Link} to="/my-events">
            Все мероприятия центра
          </Anchor>
        </Group>
      </div>
      {status === 'rejected' && (
        <Alert color="gray" title="Отклонено">
          {event.rejectionReason}
        </Alert>
      )}
      {status === 'at_risk' && (
        <Alert color="red" title="Под угрозой">
          {event.atRiskReason}
        </Alert>
      )}
      {status === 'cancelled' && (
        <Alert color="gray" title="Отменено" role={cancelledNotice ? 'status' : undefined}>
          {event.cancellationReason}
          {cancelledNotice && (
            <Text size="sm" mt={4}>
              {cancelledNotice}
            </Text>
          )}
        </Alert>
      )}
      {event.approvalComment && status === 'approved' && (
        <Alert color="tochka" title="Комментарий координатора">
          {event.approvalComment}
        </Alert>
      )}
      {status === 'held' && event.report && (
        <Alert color="tochka" title="Мероприятие проведено">
          Участников: {event.report.participants}. {event.report.notes}
        </Alert>
      )}

      {live && !started && <ChangeEvent event={event} notified={notified} onCancelled={setCancelledNotice} />}

      {event.capacity && <QueryState query={registrations}>{(r) => <Registrations event={event} data={r} ended={ended} />}</QueryState>}

      {ended && (status === 'approved' || status === 'at_risk') && (
        <Card withBorder component="section" aria-labelledby="attendance-title">
          <Title order={2} size="h3" id="attendance-title" mb="sm">
            Посещаемость и отчёт
          </Title>
          {event.capacity ? (
            <QueryState query={registrations}>{(r) => <Attendance event={event} data={r} />}</QueryState>
          ) : (
            <ReportForm event={event} suggested={0} />
          )}
        </Card>
      )}
    </Stack>
  );
}

function ChangeEvent({ event, notified, onCancelled }: { event: EventDetails; notified: string; onCancelled: (notice: string) => void }) {
  const reschedule = useReschedule(event.id);
  const cancel = useCancelEvent(event.id);
  const [mode, setMode] = useState<'reschedule' | 'cancel' | null>(null);
  const [date, setDate] = useState(moscowDate(new Date(event.start)));
  const [from, setFrom] = useState(moscowHhmm(event.start));
  const [to, setTo] = useState(moscowHhmm(event.end));
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  /** A field changed: the summary shown for confirmation no longer holds. */
  const changed = (set: (value: string) => void) => (e: InputChangeEvent<HTMLInputElement>) => {
    set(e.currentTarget.value);
    setConfirming(false);
  };
  const [done, setDone] = useState<{ text: string; warnings: string[] } | null>(null);
  const start = moscowInstant(date, from);
  const end = moscowInstant(date, to);

  return (
    <Card withBorder component="section" aria-labelledby="change-title">
      <Title order={2} size="h3" id="change-title" mb="sm">
        Перенести или отменить
      </Title>
      {done && (
        <Alert color="tochka" role="status" title="Сохранено" mb="sm">
          {done.text}
          {done.warnings.map((w) => (
            <Text key={w} size="sm">
              {w}
            </Text>
          ))}
        </Alert>
      )}
      <ProblemAlert error={reschedule.error ?? cancel.error} />
      {mode === null && (
        <Group>
          <Button variant="light" onClick={() => setMode('reschedule')}>
            Перенести…
          </Button>
          <Button variant="outline" color="red" onClick={() => setMode('cancel')}>
            Отменить мероприятие…
          </Button>
        </Group>
      )}
      {mode === 'reschedule' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!confirming) return setConfirming(true);
            reschedule.mutate(
              { start, end },
              {
                onSuccess: (r) => {
                  setDone({ text: `Мероприятие перенесено на ${formatSpan(r.event.start, r.event.end)}. ${notified}.`, warnings: r.warnings });
                  setMode(null);
                  setConfirming(false);
                },
              },
            );
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label="Новая дата" required value={date} onChange={changed(setDate)} />
            <TextInput type="time" label="Начало (МСК)" required value={from} onChange={changed(setFrom)} />
            <TextInput type="time" label="Окончание (МСК)" required value={to} onChange={changed(setTo)} />
          </SimpleGrid>
          {confirming && (
            <Alert color="blue" mt="sm" title="Проверьте перед переносом">
              {formatSpan(event.start, event.end)} → {formatSpan(start, end)}. {notified}.
            </Alert>
          )}
          <Group mt="sm">
            <Button type="submit" loading={reschedule.isPending}>
              {confirming ? 'Перенести и уведомить' : 'Далее'}
            </Button>
            <Button
              variant="subtle"
              onClick={() => {
                setMode(null);
                setConfirming(false);
              }}
            >
              Не переносить
            </Button>
          </Group>
        </form>
      )}
      {mode === 'cancel' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!confirming) return setConfirming(true);
            cancel.mutate(reason.trim(), {
              onSuccess: () => {
                onCancelled(`Мероприятие отменено. ${notified}.`);
                setMode(null);
              },
            });
          }}
        >
          <Textarea
            label="Причина отмены"
            required
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setConfirming(false);
            }}
          />
          {confirming && (
            <Alert color="blue" mt="sm" title="Проверьте перед отменой">
              Все записи групп будут отменены с этой причиной. {notified}.
            </Alert>
          )}
          <Group mt="sm">
            <Button type="submit" variant="outline" color="red" loading={cancel.isPending} disabled={!reason.trim()}>
              {confirming ? 'Отменить и уведомить' : 'Далее'}
            </Button>
            <Button
              variant="subtle"
              onClick={() => {
                setMode(null);
                setConfirming(false);
              }}
            >
              Не отменять
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

function Gauge({ label, used, of }: { label: string; used: number; of: number }) {
  const pct = Math.min(100, Math.round((used / of) * 100));
  return (
    <div>
      <Text size="sm">
        {label}: {used} из {of}
      </Text>
      <Progress value={pct} aria-label={`${label}: занято ${used} из ${of}`} color={pct >= 100 ? 'red' : 'tochka'} />
    </div>
  );
}

function Registrations({ event, data, ended }: { event: EventDetails; data: EventRegistrations; ended: boolean }) {
  const a = data.availability;
  const cancelRegistration = useCancelRegistration(event.id);
  const changeCapacity = useChangeCapacity(event.id);
  const [seats, setSeats] = useState<number | ''>(event.capacity?.seats ?? '');
  const [groups, setGroups] = useState<number | ''>(event.capacity?.groups ?? '');
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const open = event.status === 'approved' || event.status === 'at_risk' || event.status === 'proposed';

  return (
    <Card withBorder component="section" aria-labelledby="registrations-title">
      <Title order={2} size="h3" id="registrations-title" mb="sm">
        Записанные группы
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
        {a.capacity?.seats !== undefined && <Gauge label="Дети (подтверждено)" used={a.confirmedChildren} of={a.capacity.seats} />}
        {a.capacity?.groups !== undefined && <Gauge label="Группы (подтверждено)" used={a.confirmedGroups} of={a.capacity.groups} />}
      </SimpleGrid>
      <Text size="sm" mb="sm">
        В листе ожидания: {groupsText(a.waitlistedGroups)}, {childrenText(a.waitlistedChildren)}. Запись{' '}
        {a.open ? `открыта до ${formatMoment(a.registrationDeadline)} (МСК)` : 'закрыта'}.
      </Text>
      <ProblemAlert error={cancelRegistration.error} title="Запись не отменена" />
      {data.items.length ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Группа</Table.Th>
                <Table.Th scope="col">Дети</Table.Th>
                <Table.Th scope="col">Сопровождающие</Table.Th>
                <Table.Th scope="col">Контакт</Table.Th>
                <Table.Th scope="col">Статус</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Действия</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    «{r.groupName}»
                    <Text size="xs">
                      {r.organizationName}
                      {r.ageBand ? `, ${r.ageBand}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.children}</Table.Td>
                  <Table.Td>{r.adults.length ? r.adults.map((x) => [x.name, x.phone].filter(Boolean).join(', ')).join('; ') : countRu(0, ADULTS)}</Table.Td>
                  <Table.Td>
                    <Anchor href={`mailto:${r.contactEmail}`}>{r.contactEmail}</Anchor>
                  </Table.Td>
                  <Table.Td>
                    {registrationState({ status: r.status as RegistrationStatus, waitlistPosition: r.waitlistPosition })}
                    {r.attendance && <Text size="xs">{r.attendance.attended ? `пришли: ${childrenText(r.attendance.actualChildren)}` : 'не пришли'}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {open && !ended && r.status !== 'cancelled' && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(r.id)} aria-label={`Отменить запись группы «${r.groupName}»`}>
                        Отменить
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text c="dimmed">Пока никто не записался.</Text>
      )}
      {cancelling && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            cancelRegistration.mutate(
              { id: cancelling, reason: reason.trim() },
              {
                onSuccess: () => {
                  setCancelling(null);
                  setReason('');
                },
              },
            );
          }}
        >
          <Group align="end" mt="sm">
            <TextInput label="Причина отмены записи" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button type="submit" variant="outline" color="red" disabled={!reason.trim()} loading={cancelRegistration.isPending}>
              Отменить запись
            </Button>
            <Button variant="subtle" onClick={() => setCancelling(null)}>
              Не отменять
            </Button>
          </Group>
        </form>
      )}

      {open && !ended && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            changeCapacity.mutate({ ...(seats !== '' ? { seats } : {}), ...(groups !== '' ? { groups } : {}) } as { seats?: number; groups?: number });
          }}
        >
          <Title order={3} size="h4" mt="lg" mb="xs">
            Вместимость
          </Title>
          <ProblemAlert error={changeCapacity.error} title="Вместимость не изменена" />
          {changeCapacity.isSuccess && (
            <Text role="status" size="sm" c="tochka.9">
              Вместимость изменена.
            </Text>
          )}
          <Group align="end">
            <NumberInput label="Мест для детей" min={1} value={seats} onChange={(n) => setSeats(typeof n === 'number' ? n : '')} />
            <NumberInput label="Групп не больше" min={1} value={groups} onChange={(n) => setGroups(typeof n === 'number' ? n : '')} />
            <Button type="submit" variant="light" loading={changeCapacity.isPending}>
              Изменить вместимость
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

function Attendance({ event, data }: { event: EventDetails; data: EventRegistrations }) {
  const confirmed = data.items.filter((r) => r.status === 'confirmed');
  const record = useRecordAttendance(event.id);
  const [rows, setRows] = useState(() =>
    Object.fromEntries(confirmed.map((r) => [r.id, { attended: r.attendance?.attended ?? true, actualChildren: r.attendance?.actualChildren ?? r.children }])),
  );
  const [summary, setSummary] = useState<AttendanceSummary | null>(null);
  if (!confirmed.length) return <ReportForm event={event} suggested={0} />;
  const totalChildren = Object.values(rows).reduce((n, r) => n + (r.attended ? r.actualChildren : 0), 0);
  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate(
            confirmed.map((r) => ({
              registrationId: r.id,
              attended: rows[r.id]!.attended,
              actualChildren: rows[r.id]!.attended ? rows[r.id]!.actualChildren : 0,
            })),
            { onSuccess: setSummary },
          );
        }}
      >
        <Stack gap="xs">
          <ProblemAlert error={record.error} title="Посещаемость не сохранена" />
          {confirmed.map((r) => (
            <Group key={r.id} align="end" wrap="wrap">
              <Checkbox
                label={`«${r.groupName}», ${r.organizationName}: пришли`}
                checked={rows[r.id]!.attended}
                onChange={(e) => setRows({ ...rows, [r.id]: { ...rows[r.id]!, attended: e.currentTarget.checked } })}
                style={{ minWidth: 280 }}
              />
              <NumberInput
                label={`Сколько детей пришло из группы «${r.groupName}»`}
                min={0}
                disabled={!rows[r.id]!.attended}
                value={rows[r.id]!.actualChildren}
                onChange={(n) => setRows({ ...rows, [r.id]: { ...rows[r.id]!, actualChildren: typeof n === 'number' ? n : 0 } })}
              />
            </Group>
          ))}
          <Text size="sm">Итого пришло: {childrenText(totalChildren)}.</Text>
          <Group>
            <Button type="submit" loading={record.isPending}>
              Сохранить посещаемость
            </Button>
          </Group>
        </Stack>
      </form>
      {summary && (
        <Alert color="tochka" role="status" title="Посещаемость сохранена">
          Пришли {groupsText(summary.totals.attendedGroups)} из {summary.totals.confirmedGroups}, не пришли: {summary.totals.noShowGroups}; детей:{' '}
          {summary.totals.actualChildren} из {summary.totals.confirmedChildren} записанных.
        </Alert>
      )}
      {summary && <ReportForm event={event} suggested={summary.totals.actualChildren} />}
    </Stack>
  );
}

function ReportForm({ event, suggested }: { event: EventDetails; suggested: number }) {
  const report = useReport(event.id);
  const [participants, setParticipants] = useState<number | ''>(suggested);
  const [notes, setNotes] = useState('');
  if (report.data)
    return (
      <Alert color="tochka" role="status" title="Отчёт сохранён">
        Мероприятие отмечено проведённым: {report.data.event.report?.participants} участников.
      </Alert>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        report.mutate({ participants: participants === '' ? 0 : participants, ...(notes.trim() ? { notes: notes.trim() } : {}) });
      }}
    >
      <Stack gap="xs" mt="md">
        <Title order={3} size="h4">
          Отчёт о проведении
        </Title>
        <ProblemAlert error={report.error} title="Отчёт не сохранён" />
        <NumberInput label="Число участников" required min={0} value={participants} onChange={(n) => setParticipants(typeof n === 'number' ? n : '')} />
        <Textarea label="Краткий отчёт" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        <Group>
          <Button type="submit" loading={report.isPending}>
            Отметить проведённым
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
