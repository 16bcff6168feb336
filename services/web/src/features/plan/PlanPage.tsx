import { Anchor, Button, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { DIRECTIONS, EVENT_KINDS } from '@tochka/contracts/browser';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { capitalise, directionLabels, eventKindLabels, formatDay, formatTime, moscowToday, type Direction, type EventKind } from '../../shared/format';
import { useOrganizations } from '../../shared/reference';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';

type Query = paths['/api/plan']['get']['parameters']['query'];

function currentSchoolYear(today = moscowToday()) {
  const y = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0);
  return `${y}-${y + 1}`;
}

/** The district plan: approved network events of a school year by Moscow month, filterable and printable. */
export default function PlanPage() {
  usePageTitle('План района');
  const current = currentSchoolYear();
  const first = Number(current.slice(0, 4));
  const years = Array.from({ length: first - 2022 + 2 }, (_, i) => `${2022 + i}-${2023 + i}`).reverse();
  const [q, setQ] = useState<Query>({ schoolYear: current });
  const orgs = useOrganizations();
  const plan = useQuery({ queryKey: ['plan', q], queryFn: () => unwrap(api.GET('/api/plan', { params: { query: q } })) });
  return (
    <Stack maw={1200} className="printable">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>План сетевых мероприятий района на {q.schoolYear.replace('-', '–')} учебный год</Title>
        <Button variant="light" className="no-print" onClick={() => window.print()}>
          Распечатать
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} className="no-print">
        <Select
          label="Учебный год"
          data={years.map((y) => ({ value: y, label: y.replace('-', '–') }))}
          value={q.schoolYear}
          onChange={(v) => v && setQ({ ...q, schoolYear: v })}
          allowDeselect={false}
        />
        <Select
          label="Организация"
          placeholder="Все"
          clearable
          searchable
          data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))}
          value={q.org ?? null}
          onChange={(v) => setQ({ ...q, org: v ?? undefined })}
        />
        <Select
          label="Направление"
          placeholder="Все"
          clearable
          searchable
          data={DIRECTIONS.map((d) => ({ value: d, label: directionLabels[d as Direction] }))}
          value={q.direction ?? null}
          onChange={(v) => setQ({ ...q, direction: (v ?? undefined) as Query['direction'] })}
        />
        <Select
          label="Форма"
          placeholder="Все"
          clearable
          data={EVENT_KINDS.map((k) => ({ value: k, label: eventKindLabels[k as EventKind] }))}
          value={q.kind ?? null}
          onChange={(v) => setQ({ ...q, kind: (v ?? undefined) as Query['kind'] })}
        />
      </SimpleGrid>
      <QueryState query={plan}>
        {(p) => (
          <>
            <Text role="status">Мероприятий в плане: {p.total}. Время московское.</Text>
            {p.months.map((m) => (
              <section key={m.month} aria-labelledby={`month-${m.month}`}>
                <Title order={2} size="h3" id={`month-${m.month}`} mb="xs">
                  {capitalise(m.label)}
                </Title>
                <Table.ScrollContainer minWidth={760}>
                  <Table striped withTableBorder>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Дата и время</Table.Th>
                        <Table.Th scope="col">Мероприятие</Table.Th>
                        <Table.Th scope="col">Форма, направление</Table.Th>
                        <Table.Th scope="col">Организатор, место</Table.Th>
                        <Table.Th scope="col">Партнёры</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {m.events.map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {formatDay(e.start)}
                            <br />
                            {formatTime(e.start)}–{formatTime(e.end)}
                          </Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/events/${e.id}`}>
                              {e.title}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            {eventKindLabels[e.kind as EventKind]}, {directionLabels[e.direction as Direction]}
                          </Table.Td>
                          <Table.Td>
                            {e.host.organizationName}, {e.venue.roomName}
                          </Table.Td>
                          <Table.Td>{e.partners.map((x) => x.organizationName).join(', ') || '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </section>
            ))}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
