import { Button, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { LoginForm } from './LoginForm';
import { useMe } from './queries';
import { reloginAbandoned, reloginDone, useReloginOpen } from './relogin';
import { session } from './session';

/**
 * Shown over the page when the 15-minute session has expired. The page underneath stays mounted,
 * so a half-filled form keeps what was typed; after login the waiting request is sent again.
 */
export function ReloginDialog() {
  const open = useReloginOpen();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const leave = () => {
    reloginAbandoned();
    session.signOut();
    queryClient.clear();
    void navigate('/login');
  };
  return (
    <Modal opened={open} onClose={() => undefined} withCloseButton={false} closeOnClickOutside={false} closeOnEscape={false} title="Войдите снова" centered>
      <Stack>
        <Text size="sm">Срок действия входа истёк. Войдите снова — всё, что вы ввели на странице, сохранится.</Text>
        <LoginForm initialEmail={me.data?.email} onDone={reloginDone} submitLabel="Войти и продолжить" />
        <Button variant="subtle" onClick={leave}>
          Выйти
        </Button>
      </Stack>
    </Modal>
  );
}
