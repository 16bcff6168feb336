import { Alert, Button } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProblem, messageOf } from '../../api/problem';
import { ProblemView } from './ErrorPage';
import { Loading } from './PageLoader';

/** Loading, failure (403/404 as a page, others as a message with «Повторить») or the data. */
export function QueryState<T>({ query, children, label = 'Загрузка…' }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; label?: string }) {
  if (query.isPending) return <Loading label={label} />;
  if (query.isError) {
    const e = query.error;
    if (e instanceof ApiProblem && (e.status === 403 || e.status === 404)) return <ProblemView error={e} />;
    return (
      <Alert color="red" role="alert" title="Не удалось загрузить данные">
        {messageOf(e)}{' '}
        <Button variant="light" size="xs" ml="sm" onClick={() => query.refetch()}>
          Повторить
        </Button>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}

/** A failed mutation's Russian message (field errors are shown beside their fields). */
export function ProblemAlert({ error, title = 'Не получилось' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <Alert color="red" role="alert" title={title}>
      {messageOf(error)}
      {problem && problem.errors.length > 0 && ' Исправьте отмеченные поля.'}
    </Alert>
  );
}
