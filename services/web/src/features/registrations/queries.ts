import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type RegistrationInput = paths['/api/events/{id}/registrations']['post']['requestBody']['content']['application/json'];
export type RegistrationPatch = paths['/api/registrations/{id}']['patch']['requestBody']['content']['application/json'];
export type Registration = paths['/api/registrations']['get']['responses'][200]['content']['application/json']['items'][number];

/** After any change: the lists and the event's free places refresh without a reload. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (eventId?: string) => {
    void queryClient.invalidateQueries({ queryKey: ['registrations'] });
    void queryClient.invalidateQueries({ queryKey: eventId ? ['event-registrations', eventId] : ['event-registrations'] });
  };
}

export function useRegister(eventId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, key }: { body: RegistrationInput; key: string }) =>
      unwrap(api.POST('/api/events/{id}/registrations', { params: { path: { id: eventId }, header: { 'Idempotency-Key': key } }, body })),
    onSuccess: () => refresh(eventId),
  });
}

export function useMyRegistrations(organizationId: string | undefined) {
  return useQuery({
    queryKey: ['registrations', organizationId],
    queryFn: async () => {
      const all: Registration[] = [];
      for (let page = 1; ; page++) {
        const p = await unwrap(api.GET('/api/registrations', { params: { query: { organizationId, limit: 200, page } } }));
        all.push(...p.items);
        if (all.length >= p.total || !p.items.length) return all;
      }
    },
    enabled: organizationId !== undefined,
  });
}

export function useUpdateRegistration() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: RegistrationPatch; eventId: string }) =>
      unwrap(api.PATCH('/api/registrations/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: (_d, v) => refresh(v.eventId),
  });
}

export function useCancelRegistration() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id }: { id: string; eventId: string }) => unwrap(api.POST('/api/registrations/{id}/cancel', { params: { path: { id } }, body: {} })),
    onSuccess: (_d, v) => refresh(v.eventId),
  });
}
