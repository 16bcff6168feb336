import { Center, Loader, VisuallyHidden } from '@mantine/core';

/**
 * A spinner announced by its text. The text sits in the live region beside the spinner: Mantine's
 * Loader is a plain span, on which an `aria-label` is not allowed (axe: aria-prohibited-attr).
 */
export function Loading({ label }: { label: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}

export function PageLoader() {
  return <Loading label="Загрузка страницы…" />;
}
