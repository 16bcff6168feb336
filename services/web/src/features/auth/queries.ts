import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { session, useToken } from './session';

export type Me = paths['/api/me']['get']['responses'][200]['content']['application/json'];

export function useMe() {
  const token = useToken();
  return useQuery({
    queryKey: ['me', token !== null],
    queryFn: () => unwrap(api.GET('/api/me')),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
}

/** Log in; on success the token is kept and every cached answer of a previous user is dropped. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      const { accessToken } = await unwrap(api.POST('/api/auth/login', { body }));
      return accessToken;
    },
    onSuccess: (token) => {
      const previous = session.token();
      session.signIn(token);
      if (!previous) queryClient.clear();
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return () => {
    session.signOut();
    queryClient.clear();
  };
}
