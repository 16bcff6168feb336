import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type EventDetails = paths['/api/events/{id}']['get']['responses'][200]['content']['application/json'];
export type EventRegistrations = paths['/api/events/{id}/registrations']['get']['responses'][200]['content']['application/json'];

export function useEvent(id: string) {
  return useQuery({ queryKey: ['event', id], queryFn: () => unwrap(api.GET('/api/events/{id}', { params: { path: { id } } })) });
}

/** Free places, deadline and this organisation's registrations (all of them for the host's head). */
export function useEventRegistrations(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['event-registrations', id],
    queryFn: () => unwrap(api.GET('/api/events/{id}/registrations', { params: { path: { id } } })),
    enabled,
  });
}

export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: ['agreement', id],
    queryFn: () => unwrap(api.GET('/api/agreements/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
    staleTime: 10 * 60_000,
  });
}

/** The event as an .ics file, saved by the browser (the request needs the session's token). */
export async function downloadIcs(id: string, title: string) {
  const blob = await unwrap(api.GET('/api/events/{id}/ics', { params: { path: { id } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${
    title
      .replace(/[\\/:*?"<>|«»]+/g, '')
      .slice(0, 80)
      .trim() || 'мероприятие'
  }.ics`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
