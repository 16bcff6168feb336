import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

export type Organization = paths['/api/organizations']['get']['responses'][200]['content']['application/json']['items'][number];
export type Festival = paths['/api/festivals']['get']['responses'][200]['content']['application/json']['items'][number];

/** Reference data shared by every page (names instead of ids): cached for the whole visit. */
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: () => unwrap(api.GET('/api/organizations', { params: { query: { limit: 200 } } })).then((p) => p.items),
    staleTime: 30 * 60_000,
  });
}

export function useFestivals() {
  return useQuery({
    queryKey: ['festivals'],
    queryFn: () => unwrap(api.GET('/api/festivals', { params: { query: { limit: 200 } } })).then((p) => p.items),
    staleTime: 30 * 60_000,
  });
}

/** The short name of an organisation, or a neutral word while the list loads — never its id. */
export function useOrganizationName() {
  const orgs = useOrganizations();
  return (id: string | undefined) => orgs.data?.find((o) => o.id === id)?.shortName ?? 'организация';
}
