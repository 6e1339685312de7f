import { type FormEvent, useEffect, useState } from 'react';
import type { Role } from '../../../src/core/permissions.ts';
import { get } from '../api/client.ts';
import type { StaffMember } from '../api/types.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { focusOnMount } from '../ui/focus-on-mount.ts';
import { type KnownStaff, readKnownStaff, rememberStaff } from './known-staff.ts';

/**
 * Pick a staff member and type their PIN: used to switch cashier and for a manager's approval.
 * Lists the staff this till has seen, plus everyone when the signed-in role may list staff.
 */
export function StaffPinForm(props: {
  roles: readonly Role[];
  submitLabel: string;
  error: string | null;
  busy?: boolean;
  onSubmit(staffId: string, pin: string): void;
}) {
  const [staff, setStaff] = useState<KnownStaff[]>(() => readKnownStaff());
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');

  useEffect(() => {
    get<StaffMember[]>('/api/staff')
      .then((all) => {
        const active = all.filter((s) => s.active);
        rememberStaff(active);
        setStaff(readKnownStaff());
      })
      .catch(() => undefined);
  }, []);

  const choices = staff.filter((s) => props.roles.includes(s.role) && s.hasPin);
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
          {choices.length === 0 && <option value="">No one with a PIN has signed in on this till yet</option>}
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
      {choices.length === 0 && (
        <p className="notice">
          This till learns its staff when they sign in here: ask a manager to sign in on it once.
        </p>
      )}
      <ErrorText error={props.error} />
      <button type="submit" className="primary big" disabled={!chosen || pin.length < 4 || props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
