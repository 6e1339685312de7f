import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { can as roleCan } from '../../src/core/permissions.ts';
import { ApiError, get, onUnauthenticated } from './api/client.ts';
import type { ShopSettings, StaffMember } from './api/types.ts';
import { BackOfficeRoutes } from './back-office/back-office-routes.tsx';
import { CashUpPage } from './cash-up/cash-up-page.tsx';
import { LoginPage } from './login-page.tsx';
import { ReceiptPage } from './receipt/receipt-page.tsx';
import { RegisterPage } from './register/register-page.tsx';
import { ReturnsPage } from './returns/returns-page.tsx';
import { navigate, useLocation } from './router.tsx';
import { DEFAULT_SETTINGS, type Session, SessionContext } from './session/session-context.tsx';
import { TopBar } from './top-bar.tsx';

type Boot = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; staff: StaffMember };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [settings, setSettings] = useState<ShopSettings>(DEFAULT_SETTINGS);
  const { path } = useLocation();

  const reloadSettings = useCallback(async () => {
    try {
      setSettings({ ...DEFAULT_SETTINGS, ...(await get<ShopSettings>('/api/settings')) });
    } catch {
      // Settings are optional for the page to work; the defaults stand until the server answers.
    }
  }, []);

  useEffect(() => {
    get<StaffMember>('/api/auth/me')
      .then((staff) => {
        setBoot({ state: 'signed-in', staff });
        void reloadSettings();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setBoot({ state: 'signed-out' });
        else setBoot({ state: 'signed-out' });
      });
    return onUnauthenticated(() => setBoot({ state: 'signed-out' }));
  }, [reloadSettings]);

  const signedIn = boot.state === 'signed-in';
  useEffect(() => {
    if (signedIn && (path === '/' || path === '/login')) navigate('/register', { replace: true });
  }, [signedIn, path]);

  const setStaff = useCallback(
    (staff: StaffMember | null) => {
      if (staff) {
        setBoot({ state: 'signed-in', staff });
        void reloadSettings();
      } else {
        setBoot({ state: 'signed-out' });
      }
    },
    [reloadSettings],
  );

  const session = useMemo<Session | null>(
    () =>
      boot.state === 'signed-in'
        ? {
            staff: boot.staff,
            settings,
            can: (permission) => roleCan(boot.staff.role, permission),
            setStaff,
            reloadSettings,
          }
        : null,
    [boot, settings, setStaff, reloadSettings],
  );

  if (boot.state === 'loading') return <p className="page-message">Loading…</p>;
  if (!session) {
    return (
      <LoginPage
        onSignedIn={(staff) => {
          setStaff(staff);
          const home = staff.role === 'cashier' ? '/register' : path === '/login' ? '/register' : path;
          navigate(home === '/' ? '/register' : home, { replace: true });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <div className="app">
        <TopBar />
        <main className="app-main">{pageFor(path)}</main>
      </div>
    </SessionContext.Provider>
  );
}

function pageFor(path: string): ReactNode {
  if (path.startsWith('/receipt/')) return <ReceiptPage saleId={decodeURIComponent(path.slice(9))} />;
  if (path === '/returns') return <ReturnsPage />;
  if (path.startsWith('/cash-up')) return <CashUpPage />;
  if (path.startsWith('/back-office')) return <BackOfficeRoutes path={path} />;
  return <RegisterPage />;
}
