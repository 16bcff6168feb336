import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { LoginForm } from './LoginForm';
import { useToken } from './session';

/** Only paths of this app, never another site, are followed after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  usePageTitle('Вход');
  const token = useToken();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  if (token) return <Navigate to={next} replace />;
  return (
    <Center component="main" id="main" mih="100dvh" p="md" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              Сеть «Точка роста»
            </Title>
            <Text c="gray.8" size="sm">
              Щербиновский район: совместные мероприятия, запись групп, календари
            </Text>
          </div>
          <LoginForm onDone={() => navigate(next, { replace: true })} />
        </Stack>
      </Paper>
    </Center>
  );
}
