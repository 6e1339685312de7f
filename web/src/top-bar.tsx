import { useState } from 'react';
import { post } from './api/client.ts';
import { Link, navigate, useLocation } from './router.tsx';
import { useSession } from './session/session-context.tsx';
import { SwitchCashierDialog } from './session/switch-cashier-dialog.tsx';

export function TopBar() {
  const session = useSession();
  const { path } = useLocation();
  const [switching, setSwitching] = useState(false);
  const item = (to: string, label: string) => (
    <Link to={to} className={path.startsWith(to) ? 'nav-link active' : 'nav-link'}>
      {label}
    </Link>
  );
  const signOut = async () => {
    await post('/api/auth/logout').catch(() => undefined);
    session.setStaff(null);
    navigate('/login', { replace: true });
  };
  return (
    <header className="top-bar no-print">
      <strong className="brand">{session.settings.shopName || 'tillsync'}</strong>
      <nav>
        {item('/register', 'Register')}
        {item('/returns', 'Returns')}
        {item('/cash-up', 'Cash-up')}
        {session.can('catalog.write') && item('/back-office/products', 'Products')}
        {item('/back-office/stock', 'Stock')}
        {item('/back-office/sales', 'Sales')}
        {session.can('staff.read') && item('/back-office/staff', 'Staff')}
        {session.can('integration.read') && item('/back-office/shopify', 'Shopify')}
        {session.can('settings.write') && item('/back-office/settings', 'Settings')}
      </nav>
      <span className="who" data-testid="signed-in-as">
        {session.staff.displayName} <small>({session.staff.role})</small>
      </span>
      <button type="button" onClick={() => setSwitching(true)}>
        Switch cashier
      </button>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
      {switching && <SwitchCashierDialog onClose={() => setSwitching(false)} />}
    </header>
  );
}
