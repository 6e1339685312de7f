import { type FormEvent, useEffect, useState } from 'react';
import type { Role } from '../../../src/core/permissions.ts';
import type { PinStaffChoice } from '../../../src/staff/staff.repository.ts';
import { get } from '../api/client.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { focusOnMount } from '../ui/focus-on-mount.ts';

/**
 * Pick a staff member and type their PIN: used to switch cashier and for a manager's approval.
 * Lists the active staff who have a PIN (the server checks the PIN and the role again).
 */
export function StaffPinForm(props: {
  roles: readonly Role[];
  submitLabel: string;
  error: string | null;
  busy?: boolean;
  onSubmit(staffId: string, pin: string): void;
}) {
  const [staff, setStaff] = useState<PinStaffChoice[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');

  useEffect(() => {
    get<PinStaffChoice[]>('/api/auth/pin-staff')
      .then(setStaff)
      .catch(() => undefined)
      .finally(() => setLoaded(true));
  }, []);

  const choices = staff.filter((s) => props.roles.includes(s.role));
  const chosen = staffId || choices[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen && pin) props.onSubmit(chosen, pin);
  };
  return (
    <form onSubmit={submit} className="stack">
      <label>
        Staff member
        <select value={chosen} onChange={(e) => setStaffId(e.target.value)} name="staffId">
          {choices.length === 0 && <option value="">{loaded ? 'No one here has a PIN' : 'Loading…'}</option>}
          {choices.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName} ({s.role})
            </option>
          ))}
        </select>
      </label>
      <label>
        PIN
        <input
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]{4,8}"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          ref={focusOnMount}
        />
      </label>
      {loaded && choices.length === 0 && (
        <p className="notice">No one with this role has a PIN yet: an owner sets PINs on the Staff page.</p>
      )}
      <ErrorText error={props.error} />
      <button type="submit" className="primary big" disabled={!chosen || pin.length < 4 || props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
