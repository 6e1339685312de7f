import { type FormEvent, useState } from 'react';
import { ROLES, type Role } from '../../../src/core/permissions.ts';
import { describeError, get, patch, post } from '../api/client.ts';
import type { StaffMember } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';

export function StaffPage() {
  const session = useSession();
  const { data: staff, error: loadError, reload } = useLoad(() => get<StaffMember[]>('/api/staff'), 'staff');
  const [form, setForm] = useState({
    email: '',
    displayName: '',
    role: 'cashier' as Role,
    password: '',
    pin: '',
  });
  const [error, setError] = useState<string | null>(null);
  const manage = session.can('staff.manage');
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
      await reload();
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const { pin, ...rest } = form;
    void run(async () => {
      await post('/api/staff', pin ? { ...rest, pin } : rest);
      setForm({ email: '', displayName: '', role: 'cashier', password: '', pin: '' });
    });
  };
  return (
    <div className="page">
      <h1>Staff</h1>
      <ErrorText error={loadError ?? error} />
      <table className="grid" aria-label="Staff">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>PIN</th>
            <th>Active</th>
            {manage && <th />}
          </tr>
        </thead>
        <tbody>
          {staff?.map((s) => (
            <tr key={s.id} className={s.active ? undefined : 'inactive'}>
              <td>{s.displayName}</td>
              <td>{s.email}</td>
              <td>
                {manage ? (
                  <select
                    value={s.role}
                    onChange={(e) => run(() => patch(`/api/staff/${s.id}`, { role: e.target.value }))}
                    aria-label={`Role of ${s.displayName}`}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                ) : (
                  s.role
                )}
              </td>
              <td>{s.hasPin ? 'set' : '—'}</td>
              <td>{s.active ? 'yes' : 'no'}</td>
              {manage && (
                <td>
                  <button
                    type="button"
                    onClick={() => run(() => patch(`/api/staff/${s.id}`, { active: !s.active }))}
                  >
                    {s.active ? 'Deactivate' : 'Reactivate'}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      const pin = window.prompt(`New PIN for ${s.displayName} (4–8 digits)`);
                      if (pin) void run(() => patch(`/api/staff/${s.id}`, { pin }));
                    }}
                  >
                    Set PIN
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {manage && (
        <form className="card inline-form wrap" onSubmit={add} aria-label="Add staff member">
          <h2>Add staff member</h2>
          <input
            placeholder="Name"
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
            required
          />
          <input
            placeholder="Email"
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
          />
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
            aria-label="Role"
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <input
            placeholder="Password"
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
          <input
            placeholder="PIN (optional)"
            inputMode="numeric"
            value={form.pin}
            onChange={(e) => setForm({ ...form, pin: e.target.value })}
          />
          <button type="submit" className="primary">
            Add
          </button>
        </form>
      )}
    </div>
  );
}
