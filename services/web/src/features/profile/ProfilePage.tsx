import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { roleLabels } from '../../shared/format';
import { useOrganizations } from '../../shared/reference';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useLogout, useMe } from '../auth/queries';

export default function ProfilePage() {
  usePageTitle('Профиль');
  const me = useMe();
  const orgs = useOrganizations();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Stack maw={640}>
      <Title order={1}>Профиль</Title>
      <QueryState query={me}>
        {(user) => {
          const org = orgs.data?.find((o) => o.id === user.organizationId);
          return (
            <Card withBorder>
              <Stack gap="xs" component="dl" m={0}>
                <Text component="dt" size="sm" c="dimmed">
                  Имя
                </Text>
                <Text component="dd" m={0}>
                  {user.name}
                </Text>
                <Text component="dt" size="sm" c="dimmed">
                  Электронная почта
                </Text>
                <Text component="dd" m={0}>
                  {user.email}
                </Text>
                <Text component="dt" size="sm" c="dimmed">
                  Роль
                </Text>
                <Text component="dd" m={0}>
                  {roleLabels[user.role]}
                </Text>
                <Text component="dt" size="sm" c="dimmed">
                  Организация
                </Text>
                <Text component="dd" m={0}>
                  {org ? `${org.fullName}, ${org.settlement}` : 'загрузка…'}
                </Text>
              </Stack>
            </Card>
          );
        }}
      </QueryState>
      <div>
        <Button
          color="red"
          variant="outline"
          onClick={() => {
            logout();
            void navigate('/login');
          }}
        >
          Выйти из системы
        </Button>
      </div>
    </Stack>
  );
}
