import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { usePageTitle } from './usePageTitle';

const texts: Record<number, { title: string; text: string }> = {
  403: { title: 'Нет доступа', text: 'У вашей учётной записи нет прав на эту страницу. Если ссылку вам прислали, попросите отправителя проверить её.' },
  404: { title: 'Страница не найдена', text: 'Такой страницы или записи нет: возможно, ссылка устарела или запись удалена.' },
};

/** A Russian page for a stale link (403, 404) or anything else that failed — never a blank screen. */
export function ErrorView({ status, detail }: { status: number; detail?: string }) {
  const known = texts[status];
  const title = known?.title ?? 'Не удалось открыть страницу';
  usePageTitle(title);
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{title}</Title>
        <Text>{known?.text ?? detail ?? 'Что-то пошло не так. Обновите страницу или попробуйте позже.'}</Text>
        {known && detail && (
          <Text c="dimmed" size="sm">
            {detail}
          </Text>
        )}
        <div>
          <Button component={Link} to="/">
            К календарю мероприятий
          </Button>
        </div>
      </Stack>
    </Container>
  );
}

export function statusOf(error: unknown): number {
  if (error instanceof ApiProblem) return error.status;
  if (isRouteErrorResponse(error)) return error.status;
  return 500;
}

export function ProblemView({ error }: { error: unknown }) {
  return <ErrorView status={statusOf(error)} detail={error instanceof ApiProblem ? error.detail : undefined} />;
}

/** The router's error element: errors thrown while rendering a page. */
export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <main id="main">
      <ProblemView error={error} />
    </main>
  );
}

export function NotFoundPage() {
  return <ErrorView status={404} />;
}
