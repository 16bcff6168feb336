import { Center, Loader } from '@mantine/core';

export function PageLoader() {
  return (
    <Center py="xl" role="status">
      <Loader aria-label="Загрузка страницы…" />
    </Center>
  );
}
