import { useEffect, useState } from 'react';
import { describeError, get, post } from '../api/client.ts';
import type { Location, Register } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';

const KEY = 'tillsync.registerId';

export const readRegisterId = (): string | null => localStorage.getItem(KEY);
export const saveRegisterId = (id: string) => localStorage.setItem(KEY, id);

/** Which register this browser is: chosen once per till and remembered. */
export function useRegisters() {
  const [registers, setRegisters] = useState<Register[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () =>
    get<Register[]>('/api/registers')
      .then(setRegisters)
      .catch((caught) => setError(describeError(caught)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once
  useEffect(() => {
    void reload();
  }, []);
  return { registers, error, reload };
}

export function RegisterChoice(props: { onChosen(register: Register): void }) {
  const session = useSession();
  const { registers, error, reload } = useRegisters();
  const [name, setName] = useState('');
  // Suggest the next free name, not one that is already taken.
  useEffect(() => {
    if (registers) setName(`Till ${registers.length + 1}`);
  }, [registers]);
  const [createError, setCreateError] = useState<string | null>(null);
  const create = async () => {
    try {
      const locations = await get<Location[]>('/api/locations');
      const location = locations.find((l) => l.active);
      if (!location) throw new Error('add a location in Stock first');
      const register = await post<Register>('/api/registers', { name, locationId: location.id });
      await reload();
      saveRegisterId(register.id);
      props.onChosen(register);
    } catch (caught) {
      setCreateError(describeError(caught));
    }
  };
  return (
    <section className="card narrow">
      <h1>Which register is this?</h1>
      <p>Choose this till's register; this device remembers it.</p>
      {error && <p className="error">{error}</p>}
      {registers?.map((register) => (
        <button
          key={register.id}
          type="button"
          className="big block"
          onClick={() => {
            saveRegisterId(register.id);
            props.onChosen(register);
          }}
        >
          {register.name}
        </button>
      ))}
      {registers?.length === 0 && <p>No registers yet.</p>}
      {session.can('sales.approve') && (
        <div className="inline-form">
          <span>Or add another:</span>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label="New register name" />
          <button type="button" onClick={create}>
            Add register
          </button>
          {createError && <p className="error">{createError}</p>}
        </div>
      )}
    </section>
  );
}
