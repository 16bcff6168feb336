import { Alert, Anchor, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { directionLabels, formatCalendarDate, formatDay, formatSpan, formatTime, type Direction } from '../../shared/format';
import { may } from '../../shared/permissions';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { useAddToFestival, useCandidates, useFestival, type FestivalWithProgram } from './queries';
import { timetableOf } from './timetable';

/** The festival's programme as a timetable (days × venues), with clashes and empty days marked. */
export default function FestivalPage() {
  const { id = '' } = useParams();
  const festival = useFestival(id);
  usePageTitle(festival.data?.name ?? 'Фестиваль');
  return <QueryState query={festival}>{(f) => <Festival festival={f} />}</QueryState>;
}

function Festival({ festival: f }: { festival: FestivalWithProgram }) {
  const me = useMe();
  const coordinator = !!me.data && may.coordinate(me.data.role);
  const t = timetableOf(f, f.program);
  return (
    <Stack maw="100%">
      <div>
        <Title order={1}>{f.name}</Title>
        <Text>
          {formatCalendarDate(f.startDate)} — {formatCalendarDate(f.endDate)}; в программе {f.program.length} мероприятий. Время московское.
        </Text>
        <Group mt={4} className="no-print">
          <Anchor component={Link} to={`/festivals/${f.id}/programme`}>
            Программа для участников (для печати)
          </Anchor>
          <Anchor component={Link} to="/festivals">
            Все фестивали
          </Anchor>
        </Group>
      </div>
      {t.clashes.size > 0 && (
        <Alert color="red" title="Пересечения в программе">
          {t.clashes.size} мероприятий пересекаются по времени в одном помещении или с участием одной организации: они отмечены в таблице.
        </Alert>
      )}
      {t.emptyDays.length > 0 && <Text size="sm">Дни без мероприятий: {t.emptyDays.map((d) => formatDay(`${d}T12:00:00+03:00`)).join('; ')}.</Text>}
      {coordinator && <AddEvents festival={f} />}
      <Card withBorder padding={0} component="section" aria-labelledby="timetable-title">
        <Title order={2} size="h3" id="timetable-title" p="sm">
          Расписание по дням и площадкам
        </Title>
        <Table.ScrollContainer minWidth={Math.max(600, 180 + t.venues.length * 200)}>
          <Table withColumnBorders withTableBorder className="timetable">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">День</Table.Th>
                {t.venues.map((v) => (
                  <Table.Th key={v.key} scope="col">
                    {v.organizationName}
                    <Text size="xs" fw={400}>
                      {v.roomName}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.days.map((d) => {
                const row = t.cells.get(d);
                return (
                  <Table.Tr key={d} bg={row ? undefined : 'gray.1'}>
                    <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                      {formatDay(`${d}T12:00:00+03:00`)}
                      {!row && (
                        <Text size="xs" fw={400}>
                          нет мероприятий
                        </Text>
                      )}
                    </Table.Th>
                    {t.venues.map((v) => {
                      const items = row?.get(v.key) ?? [];
                      return (
                        <Table.Td key={v.key} style={{ verticalAlign: 'top' }}>
                          {items.length === 0 && (
                            <Text size="xs" aria-label="свободно">
                              —
                            </Text>
                          )}
                          <Stack gap={6}>
                            {items.map((e) => {
                              const clash = t.clashes.get(e.id);
                              return (
                                <div key={e.id} className={clash ? 'timetable-clash' : 'timetable-slot'}>
                                  <Text size="sm" fw={700}>
                                    {formatTime(e.start)}–{formatTime(e.end)}
                                  </Text>
                                  <Anchor component={Link} to={`/events/${e.id}`} size="sm">
                                    {e.title}
                                  </Anchor>
                                  <Text size="xs">{directionLabels[e.direction as Direction]}</Text>
                                  {clash && (
                                    <Text size="xs" c="red.9" fw={700}>
                                      Пересечение: {clash}
                                    </Text>
                                  )}
                                </div>
                              );
                            })}
                          </Stack>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}

function AddEvents({ festival }: { festival: FestivalWithProgram }) {
  const candidates = useCandidates(festival, true);
  const add = useAddToFestival(festival.id);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Card withBorder component="section" aria-labelledby="add-title" className="no-print">
      <Title order={2} size="h4" id="add-title" mb="xs">
        Добавить согласованное мероприятие
      </Title>
      <ProblemAlert error={add.error} title="Мероприятие не добавлено" />
      <QueryState query={candidates}>
        {(items) =>
          items.length ? (
            <Group align="end">
              <Select
                label="Мероприятие в дни фестиваля"
                searchable
                style={{ flex: 1, minWidth: 240 }}
                data={items.map((e) => ({ value: e.id, label: `${formatSpan(e.start, e.end)} — ${e.title} (${e.host.organizationName})` }))}
                value={chosen}
                onChange={setChosen}
              />
              <Button disabled={!chosen} loading={add.isPending} onClick={() => chosen && add.mutate(chosen, { onSuccess: () => setChosen(null) })}>
                Добавить в программу
              </Button>
            </Group>
          ) : (
            <Text size="sm">Согласованных мероприятий в дни фестиваля, ещё не включённых в программу, нет.</Text>
          )
        }
      </QueryState>
    </Card>
  );
}
