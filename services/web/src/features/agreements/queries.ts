import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type Agreement = paths['/api/agreements/{id}']['get']['responses'][200]['content']['application/json'];
export type AgreementInput = paths['/api/agreements']['post']['requestBody']['content']['application/json'];
export type AgreementImport = paths['/api/agreements/import']['post']['requestBody']['content']['application/json'];
export type AgreementQuery = NonNullable<paths['/api/agreements']['get']['parameters']['query']>;

/** A page of the registry; every signed-in user may read every agreement. */
export function useAgreements(query: AgreementQuery, enabled = true) {
  return useQuery({
    queryKey: ['agreements', query],
    queryFn: () => unwrap(api.GET('/api/agreements', { params: { query: { limit: 50, ...query } } })),
    enabled,
  });
}

export function useAgreementDetails(id: string) {
  return useQuery({ queryKey: ['agreement', id], queryFn: () => unwrap(api.GET('/api/agreements/{id}', { params: { path: { id } } })) });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return (agreement?: Agreement) => {
    void queryClient.invalidateQueries({ queryKey: ['agreements'] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    if (agreement) queryClient.setQueryData(['agreement', agreement.id], agreement);
  };
}

export type AgreementAction =
  | { kind: 'propose' }
  | { kind: 'sign' }
  | { kind: 'withdraw'; reason?: string }
  | { kind: 'terminate'; reason: string }
  | { kind: 'renew' };

/** One mutation for the lifecycle: the answer is the agreement as it is now (renew: the new draft). */
export function useAgreementAction(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (action: AgreementAction) => {
      const path = { path: { id } };
      switch (action.kind) {
        case 'propose':
          return unwrap(api.POST('/api/agreements/{id}/propose', { params: path }));
        case 'sign':
          return unwrap(api.POST('/api/agreements/{id}/sign', { params: path, body: {} }));
        case 'withdraw':
          return unwrap(api.POST('/api/agreements/{id}/withdraw', { params: path, body: action.reason ? { reason: action.reason } : {} }));
        case 'terminate':
          return unwrap(api.POST('/api/agreements/{id}/terminate', { params: path, body: { reason: action.reason } }));
        case 'renew':
          return unwrap(api.POST('/api/agreements/{id}/renew', { params: path, body: {} }));
      }
    },
    onSuccess: (a) => refresh(a),
  });
}

export function useCreateAgreement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: AgreementInput) => unwrap(api.POST('/api/agreements', { body })),
    onSuccess: (a) => refresh(a),
  });
}

export function useImportAgreement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: AgreementImport) => unwrap(api.POST('/api/agreements/import', { body })),
    onSuccess: (a) => refresh(a),
  });
}
