import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type FestivalWithProgram = paths['/api/festivals/{id}']['get']['responses'][200]['content']['application/json'];
export type ProgramEvent = FestivalWithProgram['program'][number];
export type FestivalInput = paths['/api/festivals']['post']['requestBody']['content']['application/json'];

export function useFestival(id: string) {
  return useQuery({ queryKey: ['festival', id], queryFn: () => unwrap(api.GET('/api/festivals/{id}', { params: { path: { id } } })) });
}

/** Approved events within the festival's dates that are not in its programme yet. */
export function useCandidates(f: FestivalWithProgram | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['events', 'festival-candidates', f?.id, f?.startDate, f?.endDate],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/events', { params: { query: { from: f!.startDate, to: f!.endDate, status: 'approved', limit: 200 } } }));
      return page.items.filter((e) => !e.festivalId);
    },
    enabled: enabled && !!f,
  });
}

export function useCreateFestival() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FestivalInput) => unwrap(api.POST('/api/festivals', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['festivals'] }),
  });
}

export function useAddToFestival(festivalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) => unwrap(api.PATCH('/api/events/{id}', { params: { path: { id: eventId } }, body: { festivalId } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['festival', festivalId] });
      void queryClient.invalidateQueries({ queryKey: ['events'] });
    },
  });
}
