import { Badge, Button, Card, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, roleFitsOrganization, type OrganizationKind } from '@tochka/contracts/browser';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useMe } from '../auth/queries';
import { ApiProblem } from '../../api/problem';
import { roleLabels, type Role } from '../../shared/format';
import { type Organization, useOrganizationName, useOrganizations } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';

type User = paths['/api/users']['get']['responses'][200]['content']['application/json']['items'][number];
type Dialog = { kind: 'active' | 'role'; user: User };

/** The roles an account of this organisation may have (the API refuses the others). */
function fittingRoles(organization: Organization | undefined): Role[] {
  return organization ? (ROLES as readonly Role[]).filter((r) => roleFitsOrganization(r, organization.kind as OrganizationKind)) : [];
}

/**
 * Accounts (coordinator): the list by organisation, a new account, and for each account but
 * one's own: switch it off or on again (confirmed), change its role to one its organisation allows.
 */
export default function UsersPage() {
  usePageTitle('Учётные записи');
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog>();
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
          <>
            {/* A table from tablet width up; on a phone one card per account, its actions in reach. */}
            <Table.ScrollContainer minWidth={640} visibleFrom="sm">
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Имя</Table.Th>
                    <Table.Th scope="col">Электронная почта</Table.Th>
                    <Table.Th scope="col">Роль</Table.Th>
                    <Table.Th scope="col">Организация</Table.Th>
                    <Table.Th scope="col">Состояние</Table.Th>
                    <Table.Th scope="col">Действия</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>{u.name}</Table.Td>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>{roleLabels[u.role as Role]}</Table.Td>
                      <Table.Td>{orgName(u.organizationId)}</Table.Td>
                      <Table.Td>
                        <State user={u} />
                      </Table.Td>
                      <Table.Td>
                        <Actions user={u} self={u.id === me.data?.id} open={(kind) => setDialog({ kind, user: u })} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Stack gap="xs" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Учётные записи">
              {p.items.map((u) => (
                <Card key={u.id} withBorder padding="sm" component="li">
                  <Group justify="space-between" gap="xs">
                    <Text fw={600}>{u.name}</Text>
                    <State user={u} />
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {u.email}
                  </Text>
                  <Text size="sm">
                    {roleLabels[u.role as Role]}, {orgName(u.organizationId)}
                  </Text>
                  <Group mt="xs">
                    <Actions user={u} self={u.id === me.data?.id} open={(kind) => setDialog({ kind, user: u })} />
                  </Group>
                </Card>
              ))}
            </Stack>
          </>
        )}
      </QueryState>
      <CreateUser />
      {dialog?.kind === 'active' && <ActiveDialog user={dialog.user} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'role' && <RoleDialog user={dialog.user} onClose={() => setDialog(undefined)} />}
    </Stack>
  );
}

function State({ user: u }: { user: User }) {
  return u.active ? (
    <Text size="sm">действует</Text>
  ) : (
    <Badge color="gray" variant="light">
      отключена
    </Badge>
  );
}

/** What the coordinator may do to an account: nothing to their own (the API refuses it). */
function Actions({ user: u, self, open }: { user: User; self: boolean; open: (kind: Dialog['kind']) => void }) {
  if (self) {
    return (
      <Text size="sm" c="dimmed">
        это вы
      </Text>
    );
  }
  return (
    <Group gap={6}>
      <Button size="xs" variant="light" onClick={() => open('role')} aria-label={`Изменить роль: ${u.name}`}>
        Изменить роль
      </Button>
      <Button
        size="xs"
        variant="light"
        color={u.active ? 'red' : 'tochka'}
        onClick={() => open('active')}
        aria-label={`${u.active ? 'Отключить' : 'Включить'}: ${u.name}`}
      >
        {u.active ? 'Отключить' : 'Включить'}
      </Button>
    </Group>
  );
}

function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: Role; active?: boolean } }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: change })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Switch an account off (it can no longer sign in, its open sessions end) or on again, after confirming. */
function ActiveDialog({ user: u, onClose }: { user: User; onClose: () => void }) {
  const update = useUpdateUser();
  const orgName = useOrganizationName();
  const off = u.active;
  return (
    <Modal opened onClose={onClose} title={off ? 'Отключить учётную запись?' : 'Включить учётную запись?'}>
      <Stack>
        <Text>
          {u.name} ({u.email}): {roleLabels[u.role as Role]}, {orgName(u.organizationId)}.
        </Text>
        <Text>
          {off
            ? 'Владелец не сможет войти, уже открытые сеансы и его подписки на календарь перестанут действовать сразу, письма учётной записи прекратятся. Всё, что сделано от её имени, сохранится. Включить учётную запись можно снова.'
            : 'Владелец снова сможет войти со своим прежним паролем.'}
        </Text>
        <ProblemAlert error={update.error} title={off ? 'Учётная запись не отключена' : 'Учётная запись не включена'} />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            Отмена
          </Button>
          <Button
            color={off ? 'red' : 'tochka'}
            loading={update.isPending}
            onClick={() => update.mutate({ id: u.id, change: { active: !off } }, { onSuccess: onClose })}
          >
            {off ? 'Да, отключить' : 'Да, включить'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A new role among those the account's organisation allows. */
function RoleDialog({ user: u, onClose }: { user: User; onClose: () => void }) {
  const update = useUpdateUser();
  const orgs = useOrganizations();
  const organization = orgs.data?.find((o) => o.id === u.organizationId);
  const roles = fittingRoles(organization).filter((r) => r !== u.role);
  const [role, setRole] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={`Изменить роль: ${u.name}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (role) update.mutate({ id: u.id, change: { role: role as Role } }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <Text>
            Сейчас: {roleLabels[u.role as Role]}, {organization?.shortName ?? 'организация'}. После изменения владельцу учётной записи нужно будет войти снова.
          </Text>
          {organization && !roles.length ? (
            <Text>Другой роли в этой организации быть не может.</Text>
          ) : (
            <Select
              label="Новая роль"
              required
              data={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
              value={role}
              onChange={setRole}
              allowDeselect={false}
            />
          )}
          <ProblemAlert error={update.error} title="Роль не изменена" />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" disabled={!role} loading={update.isPending}>
              Изменить роль
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  const organization = orgs.data?.find((o) => o.id === v.organizationId);
  const roles = organization ? fittingRoles(organization) : (ROLES as readonly Role[]);
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
              label="Организация"
              required
              searchable
              data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))}
              value={v.organizationId || null}
              onChange={(o) => {
                const kind = orgs.data?.find((x) => x.id === o)?.kind as OrganizationKind | undefined;
                // A role the new organisation does not allow is cleared rather than sent to be refused.
                setV({ ...v, organizationId: o ?? '', role: kind && !roleFitsOrganization(v.role as Role, kind) ? '' : v.role });
              }}
              error={errors.organizationId}
            />
            <Select
              label="Роль"
              required
              data={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
              value={roles.includes(v.role as Role) ? v.role : null}
              onChange={(r) => setV({ ...v, role: r ?? '' })}
              allowDeselect={false}
              error={errors.role}
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
