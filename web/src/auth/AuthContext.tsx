// Who is signed in. Loads /auth/me once, reacts to AUTH_REQUIRED / PASSWORD_CHANGE_REQUIRED anywhere.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionError } from '../api/client';
import { authApi } from '../api/endpoints';
import type { UserView } from '../api/types';

interface AuthState {
  /** undefined while loading, null when signed out. */
  user: UserView | null | undefined;
  setUser: (u: UserView | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setUser((await authApi.me()).user);
    } catch {
      setUser(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionError((err) => {
      if (err.code === 'AUTH_REQUIRED') setUser(null);
      else setUser((u) => (u ? { ...u, mustChangePassword: true } : u));
    });
  }, [refresh]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({ user, setUser, refresh, logout, can: (p) => !!user?.permissions.includes(p) }),
    [user, refresh, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
