import { Navigate, Outlet, useLocation } from 'react-router';
import { useToken } from '../features/auth/session';

/** Pages behind the login: without a session, to the login page and back here afterwards. */
export function RequireSession() {
  const token = useToken();
  const location = useLocation();
  if (!token) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
