import { Button, Card, Group, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES } from '@tochka/contracts/browser';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { roleLabels, type Role } from '../../shared/format';
import { useOrganizationName, useOrganizations } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';

/** Accounts (coordinator): the list by organisation and a new account. */
export default function UsersPage() {
  usePageTitle('Учётные записи');
  const [org, setOrg] = useState<string | null>(null);
  const orgs = useOrganizations();
  const orgName = useOrganizationName();
  const users = useQuery({
    queryKey: ['users', org],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: { limit: 200, ...(org ? { organizationId: org } : {}) } } })),
  });
  return (
    <Stack maw={1100}>
      <Title order={1}>Учётные записи</Title>
      <Select
        label="Организация"
        placeholder="Все"
        clearable
        searchable
        data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))}
        value={org}
        onChange={setOrg}
        maw={420}
      />
      <QueryState query={users}>
        {(p) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Имя</Table.Th>
                  <Table.Th scope="col">Электронная почта</Table.Th>
                  <Table.Th scope="col">Роль</Table.Th>
                  <Table.Th scope="col">Организация</Table.Th>
                  <Table.Th scope="col">Состояние</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.name}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{roleLabels[u.role as Role]}</Table.Td>
                    <Table.Td>{orgName(u.organizationId)}</Table.Td>
                    <Table.Td>{u.active ? 'действует' : 'отключена'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <CreateUser />
    </Stack>
  );
}

function CreateUser() {
  const orgs = useOrganizations();
  const queryClient = useQueryClient();
  const [v, setV] = useState({ name: '', email: '', role: 'centre_head', organizationId: '', password: '' });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/users', { body: { ...v, role: v.role as Role } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      setV({ name: '', email: '', role: 'centre_head', organizationId: '', password: '' });
    },
  });
  const errors = create.error instanceof ApiProblem ? create.error.fieldErrors() : {};
  return (
    <Card withBorder component="section" aria-labelledby="new-user-title">
      <Title order={2} size="h3" id="new-user-title" mb="sm">
        Новая учётная запись
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <ProblemAlert error={create.error} title="Учётная запись не создана" />
          {create.isSuccess && (
            <Text role="status" c="tochka.9">
              Учётная запись создана: передайте пароль владельцу лично.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="ФИО" required value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={errors.name} />
            <TextInput
              label="Электронная почта"
              type="email"
              required
              value={v.email}
              onChange={(e) => setV({ ...v, email: e.currentTarget.value })}
              error={errors.email}
            />
            <Select
              label="Роль"
              required
              data={ROLES.map((r) => ({ value: r, label: roleLabels[r as Role] }))}
              value={v.role}
              onChange={(r) => setV({ ...v, role: r ?? 'centre_head' })}
              allowDeselect={false}
            />
            <Select
              label="Организация"
              required
              searchable
              data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))}
              value={v.organizationId || null}
              onChange={(o) => setV({ ...v, organizationId: o ?? '' })}
              error={errors.organizationId}
            />
            <PasswordInput
              label="Пароль (не короче 8 символов)"
              required
              value={v.password}
              onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
              error={errors.password}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending}>
              Создать учётную запись
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
