import { Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { audienceLabels, formatCalendarDate, formatDay, formatTime, type Audience } from '../../shared/format';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useFestival } from './queries';
import { timetableOf } from './timetable';

/** The public programme: by day, then venue; anyone signed in may open and print it. */
export default function ProgrammePage() {
  const { id = '' } = useParams();
  const festival = useFestival(id);
  usePageTitle(festival.data ? `Программа: ${festival.data.name}` : 'Программа фестиваля');
  return (
    <QueryState query={festival}>
      {(f) => {
        const t = timetableOf(f, f.program);
        return (
          <Stack maw={900} className="printable">
            <div>
              <Title order={1}>Программа фестиваля «{f.name.replace(/^[«"]|[»"]$/g, '')}»</Title>
              <Text>
                {formatCalendarDate(f.startDate)} — {formatCalendarDate(f.endDate)}. Время московское.
              </Text>
              {f.description && <Text mt="xs">{f.description}</Text>}
              <Group mt="sm" className="no-print">
                <Button variant="light" onClick={() => window.print()}>
                  Распечатать
                </Button>
                <Anchor component={Link} to={`/festivals/${f.id}`}>
                  Расписание по площадкам
                </Anchor>
              </Group>
            </div>
            {t.days
              .filter((d) => t.cells.has(d))
              .map((d) => (
                <section key={d} aria-labelledby={`day-${d}`}>
                  <Title order={2} size="h3" id={`day-${d}`}>
                    {formatDay(`${d}T12:00:00+03:00`)}
                  </Title>
                  {t.venues
                    .filter((v) => t.cells.get(d)?.has(v.key))
                    .map((v) => (
                      <div key={v.key}>
                        <Text fw={700} mt="xs">
                          {v.organizationName}, {v.roomName}
                        </Text>
                        <List spacing={2}>
                          {t.cells
                            .get(d)!
                            .get(v.key)!
                            .map((e) => (
                              <List.Item key={e.id}>
                                {formatTime(e.start)}–{formatTime(e.end)} {e.title}
                                <Text size="sm" span>
                                  {' '}
                                  ({e.audience.map((a) => audienceLabels[a as Audience].toLowerCase()).join(', ')}
                                  {e.grades ? `, ${e.grades}` : ''})
                                </Text>
                              </List.Item>
                            ))}
                        </List>
                      </div>
                    ))}
                </section>
              ))}
          </Stack>
        );
      }}
    </QueryState>
  );
}
