import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type EventInput = paths['/api/events']['post']['requestBody']['content']['application/json'];
export type EventPatch = paths['/api/events/{id}']['patch']['requestBody']['content']['application/json'];
export type EventResult = paths['/api/events']['post']['responses'][201]['content']['application/json'];

/** Organisations the host has an agreement in force with on that date, and under which agreements. */
export function usePartnersOn(hostId: string | undefined, date: string) {
  return useQuery({
    queryKey: ['agreement-partners', hostId, date],
    queryFn: () => unwrap(api.GET('/api/agreements/partners', { params: { query: { organizationId: hostId!, date } } })),
    enabled: !!hostId && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
}

/** The agreements in force for the host on that date (their numbers and titles). */
export function useAgreementsValidOn(hostId: string | undefined, date: string) {
  return useQuery({
    queryKey: ['agreements', { party: hostId, validOn: date }],
    queryFn: () => unwrap(api.GET('/api/agreements', { params: { query: { party: hostId, validOn: date, limit: 200 } } })).then((p) => p.items),
    enabled: !!hostId && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
}

/** Events of an organisation (hosted or invited to) overlapping a period. */
export function useEventsBetween(org: string | undefined, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: ['events', { org, from, to }],
    queryFn: () => unwrap(api.GET('/api/events', { params: { query: { org, from, to, limit: 200 } } })).then((p) => p.items),
    enabled: !!org && !!from && !!to,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return (r: EventResult) => {
    void queryClient.invalidateQueries({ queryKey: ['events'] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    queryClient.setQueryData(['event', r.event.id], r.event);
  };
}

export function usePropose() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: EventInput) => unwrap(api.POST('/api/events', { body })), onSuccess: refresh });
}

/** Saving an edited proposal: the fields (PATCH), then the time if it moved (reschedule). */
export function useSaveProposal(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ patch, time }: { patch: EventPatch; time?: { start: string; end: string; registrationDeadline?: string } }) => {
      let result: EventResult | undefined;
      if (Object.keys(patch).length) result = await unwrap(api.PATCH('/api/events/{id}', { params: { path: { id } }, body: patch }));
      if (time) {
        const moved = await unwrap(api.POST('/api/events/{id}/reschedule', { params: { path: { id } }, body: time }));
        result = { event: moved.event, warnings: [...new Set([...(result?.warnings ?? []), ...moved.warnings])] };
      }
      return result;
    },
    onSuccess: (r) => r && refresh(r),
  });
}
