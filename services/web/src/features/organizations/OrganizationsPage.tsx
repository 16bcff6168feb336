import { Card, Group, List, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { organizationKindLabels } from '../../shared/format';
import { useOrganizations } from '../../shared/reference';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';

/** The network's organisations with their heads and rooms (capacity): who is who, where events can take place. */
export default function OrganizationsPage() {
  usePageTitle('Организации');
  const orgs = useOrganizations();
  const [filter, setFilter] = useState('');
  return (
    <Stack maw={1100}>
      <Title order={1}>Организации сети</Title>
      <TextInput label="Найти организацию" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={420} />
      <QueryState query={orgs}>
        {(items) => (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {items
              .filter((o) => !filter.trim() || `${o.shortName} ${o.fullName} ${o.settlement}`.toLowerCase().includes(filter.trim().toLowerCase()))
              .map((o) => (
                <Card key={o.id} withBorder component="article" aria-labelledby={`org-${o.id}`}>
                  <Title order={2} size="h4" id={`org-${o.id}`}>
                    {o.shortName}
                  </Title>
                  <Text size="sm">
                    {organizationKindLabels[o.kind as keyof typeof organizationKindLabels]}; {o.address}
                  </Text>
                  <Text size="sm" mt={4}>
                    Руководитель: {o.head.name}
                    {o.head.position ? `, ${o.head.position}` : ''}; {o.head.email}
                    {o.head.phone ? `, ${o.head.phone}` : ''}
                  </Text>
                  {o.rooms.length > 0 && (
                    <Group mt={4} gap={4} align="start">
                      <Text size="sm" fw={600}>
                        Помещения:
                      </Text>
                      <List size="sm">
                        {o.rooms.map((r) => (
                          <List.Item key={r.key}>
                            {r.name} — до {r.capacity} человек
                          </List.Item>
                        ))}
                      </List>
                    </Group>
                  )}
                </Card>
              ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Stack>
  );
}
