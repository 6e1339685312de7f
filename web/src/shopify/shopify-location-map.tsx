import { useEffect, useState } from 'react';
import { api, describeError, get } from '../api/client.ts';
import type { Location, ShopifyLocation } from '../api/types.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';
import type { ShopifyStatus } from './shopify-types.ts';

const UNMAPPED = '';

/**
 * Which Shopify location sells each till location's stock. A till location left unmapped is not
 * offered online; each Shopify location takes at most one till location.
 */
export function ShopifyLocationMap(props: { status: ShopifyStatus; canManage: boolean; onChanged(): void }) {
  const posLocations = useLoad(() => get<Location[]>('/api/locations'), 'pos');
  const shopifyLocations = useLoad(() => get<ShopifyLocation[]>('/api/shopify/locations'), 'shopify');
  const saved = props.status.locations ?? [];
  const savedKey = JSON.stringify(saved);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved map changes
  useEffect(() => {
    setChoice(Object.fromEntries(saved.map((m) => [m.locationId, m.shopifyLocationId])));
  }, [savedKey]);
  const nameOf = (id: string) => shopifyLocations.data?.find((l) => l.id === id)?.name ?? id;
  const save = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const mappings = Object.entries(choice)
        .filter(([, shopifyLocationId]) => shopifyLocationId !== UNMAPPED)
        .map(([locationId, shopifyLocationId]) => ({ locationId, shopifyLocationId }));
      await api('PUT', '/api/shopify/location-map', { mappings });
      setMessage('Location map saved.');
      props.onChanged();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const locations = posLocations.data?.filter((l) => l.active || choice[l.id]) ?? [];
  return (
    <section className="card" aria-label="Location map">
      <h2>Locations</h2>
      <p>
        The stock of each till location is offered at the Shopify location you pick. Unmapped ones stay
        offline.
      </p>
      <ErrorText error={posLocations.error ?? shopifyLocations.error} />
      <table className="grid" aria-label="Location map">
        <thead>
          <tr>
            <th>Till location</th>
            <th>Shopify location</th>
          </tr>
        </thead>
        <tbody>
          {locations.map((location) => (
            <tr key={location.id}>
              <td>{location.name}</td>
              <td data-testid={`mapped-${location.name}`}>
                {props.canManage ? (
                  <select
                    aria-label={`Shopify location for ${location.name}`}
                    value={choice[location.id] ?? UNMAPPED}
                    onChange={(e) => setChoice({ ...choice, [location.id]: e.target.value })}
                  >
                    <option value={UNMAPPED}>Not mapped</option>
                    {shopifyLocations.data?.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                        {l.isActive ? '' : ' (inactive)'}
                      </option>
                    ))}
                  </select>
                ) : choice[location.id] ? (
                  nameOf(choice[location.id]!)
                ) : (
                  'Not mapped'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.canManage && (
        <button type="button" onClick={save} disabled={busy}>
          {busy ? 'Saving…' : 'Save location map'}
        </button>
      )}
      {message && <p role="status">{message}</p>}
      <ErrorText error={error} />
    </section>
  );
}
