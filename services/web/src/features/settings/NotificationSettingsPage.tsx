import { Alert, Card, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';

export default function NotificationSettingsPage() {
  usePageTitle('Уведомления');
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: ['notification-preferences'], queryFn: () => unwrap(api.GET('/api/me/notification-preferences')) });
  const save = useMutation({
    mutationFn: (change: Record<string, boolean>) => unwrap(api.PUT('/api/me/notification-preferences', { body: change })),
    onSuccess: (data) => queryClient.setQueryData(['notification-preferences'], data),
  });
  return (
    <Stack maw={720}>
      <div>
        <Title order={1}>Уведомления на почту</Title>
        <Text c="dimmed">Выберите, о чём писать вам на электронную почту. Изменения сохраняются сразу.</Text>
      </div>
      <ProblemAlert error={save.error} title="Настройка не сохранена" />
      <QueryState query={prefs}>
        {(data) => (
          <Card withBorder>
            <Stack gap="md" role="group" aria-label="Письма по категориям">
              {data.categories.map((c) => (
                <Switch
                  key={c.category}
                  label={c.label}
                  description={c.mandatory ? 'Нельзя отключить: по этим письмам нужно действовать (подписать соглашение, узнать результат записи).' : undefined}
                  checked={c.enabled}
                  disabled={c.mandatory || save.isPending}
                  onChange={(e) => save.mutate({ [c.category]: e.currentTarget.checked })}
                  size="md"
                />
              ))}
            </Stack>
          </Card>
        )}
      </QueryState>
      {save.isSuccess && (
        <Alert color="green" role="status" title="Сохранено">
          Настройки уведомлений обновлены.
        </Alert>
      )}
    </Stack>
  );
}
