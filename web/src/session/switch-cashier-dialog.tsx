import { useState } from 'react';
import { ROLES } from '../../../src/core/permissions.ts';
import { describeError, post } from '../api/client.ts';
import type { StaffMember } from '../api/types.ts';
import { Dialog } from '../ui/dialog.tsx';
import { useSession } from './session-context.tsx';
import { StaffPinForm } from './staff-pin-form.tsx';

/** Hands the till to another staff member by PIN; the server issues their session. */
export function SwitchCashierDialog(props: { onClose(): void }) {
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const switchTo = async (staffId: string, pin: string) => {
    setBusy(true);
    setError(null);
    try {
      const { staff } = await post<{ staff: StaffMember }>('/api/auth/pin-switch', { staffId, pin });
      session.setStaff(staff);
      props.onClose();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Switch cashier" onClose={props.onClose}>
      <StaffPinForm roles={ROLES} submitLabel="Switch" error={error} busy={busy} onSubmit={switchTo} />
    </Dialog>
  );
}
