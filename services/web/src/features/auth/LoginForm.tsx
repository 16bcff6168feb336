import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../../api/problem';
import { throttledMessage } from '../../shared/format';
import { useLogin } from './queries';

export function LoginForm({ initialEmail = '', onDone, submitLabel = 'Войти' }: { initialEmail?: string; onDone: () => void; submitLabel?: string }) {
  const login = useLogin();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const problem = login.error instanceof ApiProblem ? login.error : undefined;
  const fields = problem?.fieldErrors() ?? {};
  const message = !problem
    ? login.error
      ? 'Не удалось войти. Попробуйте ещё раз.'
      : undefined
    : problem.status === 429 && problem.retryAfter
      ? throttledMessage(problem.retryAfter)
      : problem.errors.length
        ? undefined
        : problem.detail;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Вход">
      <Stack gap="md">
        {message && (
          <Alert color="red" role="alert" title="Вход не выполнен">
            {message}
          </Alert>
        )}
        <TextInput
          label="Электронная почта"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fields.email}
          data-autofocus
        />
        <PasswordInput
          label="Пароль"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fields.password}
          visibilityToggleButtonProps={{ 'aria-label': 'Показать или скрыть пароль' }}
        />
        <Button type="submit" loading={login.isPending} size="md">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
