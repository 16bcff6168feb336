import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { formatCalendarDate } from '../../shared/format';
import { may } from '../../shared/permissions';
import { useFestivals } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { useCreateFestival } from './queries';

export default function FestivalsPage() {
  usePageTitle('Фестивали');
  const me = useMe();
  const festivals = useFestivals();
  return (
    <Stack maw={960}>
      <Title order={1}>Фестивали</Title>
      <QueryState query={festivals}>
        {(items) =>
          items.length ? (
            <Stack gap="xs">
              {[...items]
                .sort((a, b) => b.startDate.localeCompare(a.startDate))
                .map((f) => (
                  <Card key={f.id} withBorder padding="sm">
                    <Anchor component={Link} to={`/festivals/${f.id}`} fw={600}>
                      {f.name}
                    </Anchor>
                    <Text size="sm">
                      {formatCalendarDate(f.startDate)} — {formatCalendarDate(f.endDate)}
                    </Text>
                  </Card>
                ))}
            </Stack>
          ) : (
            <Text c="dimmed">Фестивалей пока нет.</Text>
          )
        }
      </QueryState>
      {me.data && may.coordinate(me.data.role) && <CreateFestival />}
    </Stack>
  );
}

function CreateFestival() {
  const create = useCreateFestival();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [startDate, setStart] = useState('');
  const [endDate, setEnd] = useState('');
  const [description, setDescription] = useState('');
  const errors = create.error instanceof ApiProblem ? create.error.fieldErrors() : {};
  return (
    <Card withBorder component="section" aria-labelledby="new-festival-title">
      <Title order={2} size="h3" id="new-festival-title" mb="sm">
        Объявить фестиваль
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name: name.trim(), startDate, endDate, description: description.trim() }, { onSuccess: (f) => void navigate(`/festivals/${f.id}`) });
        }}
      >
        <Stack>
          <ProblemAlert error={create.error} title="Фестиваль не создан" />
          <TextInput label="Название" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="date" label="Первый день" required value={startDate} onChange={(e) => setStart(e.currentTarget.value)} error={errors.startDate} />
            <TextInput type="date" label="Последний день" required value={endDate} onChange={(e) => setEnd(e.currentTarget.value)} error={errors.endDate} />
          </SimpleGrid>
          <Textarea label="Описание" value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Создать фестиваль
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
