import { useState } from 'react';
import { get, query } from '../api/client.ts';
import type { Location, LowStockItem, Page, StockLevel, StockMovement, VariantView } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { useSession } from '../session/session-context.tsx';
import { useLoad } from '../ui/use-load.ts';
import { LocationLevels, variantName } from './location-levels.tsx';
import { StockActions } from './stock-actions.tsx';

/** Levels per location, the actions a manager may take, low stock, and each item's full history. */
export function StockPage() {
  const session = useSession();
  const { data: locations } = useLoad(() => get<Location[]>('/api/locations'), 'locations');
  const [locationId, setLocationId] = useState('');
  const [q, setQ] = useState('');
  const [variant, setVariant] = useState<VariantView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const activeLocation = locationId || locations?.find((l) => l.active)?.id || '';

  const { data: low } = useLoad(
    async () =>
      activeLocation ? get<LowStockItem[]>(`/api/stock/low${query({ locationId: activeLocation })}`) : [],
    `${activeLocation}:${version}`,
  );
  const { data: levels } = useLoad(
    async () => (variant ? get<StockLevel[]>(`/api/stock/levels${query({ variantId: variant.id })}`) : []),
    `${variant?.id}:${version}`,
  );
  const { data: movements } = useLoad(
    async () =>
      variant
        ? get<Page<StockMovement>>(`/api/stock/movements${query({ variantId: variant.id, limit: 50 })}`)
        : null,
    `${variant?.id}:${version}`,
  );
  const locationName = (id: string) => locations?.find((l) => l.id === id)?.name ?? id;

  return (
    <div className="page stock">
      <div className="page-head">
        <h1>Stock</h1>
        <label>
          Location{' '}
          <select value={activeLocation} onChange={(e) => setLocationId(e.target.value)} name="location">
            {locations?.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        type="search"
        aria-label="Find an item"
        placeholder="Find an item by name, SKU or barcode"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setVariant(null);
        }}
      />
      {!variant && (
        <LocationLevels
          locationId={activeLocation}
          q={q}
          version={version}
          onPick={(v) => {
            setMessage(null);
            setVariant(v);
            setQ('');
          }}
        />
      )}
      {variant && (
        <button type="button" className="link" onClick={() => setVariant(null)}>
          ← All items at {locationName(activeLocation)}
        </button>
      )}
      {variant && (
        <section className="stock-item">
          <h2>{variantName(variant)}</h2>
          <table className="grid" aria-label="Stock levels">
            <thead>
              <tr>
                <th>Location</th>
                <th className="num">On hand</th>
                <th className="num">Committed</th>
                <th className="num">Available</th>
              </tr>
            </thead>
            <tbody>
              {levels?.map((level) => (
                <tr key={level.locationId}>
                  <td>{locationName(level.locationId)}</td>
                  <td className="num" data-testid={`on-hand-${level.locationId}`}>
                    {level.onHand}
                  </td>
                  <td className="num">{level.committed}</td>
                  <td className="num">{level.available}</td>
                </tr>
              ))}
              {levels?.length === 0 && (
                <tr>
                  <td colSpan={4}>No stock recorded anywhere yet.</td>
                </tr>
              )}
            </tbody>
          </table>
          {message && (
            <p className="ok-text" role="status">
              {message}
            </p>
          )}
          {session.can('stock.write') && activeLocation && locations && (
            <StockActions
              variantId={variant.id}
              locationId={activeLocation}
              locations={locations}
              onDone={(text) => {
                setMessage(`${text[0]?.toUpperCase()}${text.slice(1)} at ${locationName(activeLocation)}.`);
                setVersion((v) => v + 1);
              }}
            />
          )}
          <h3>History</h3>
          <table className="grid" aria-label="Movement history">
            <thead>
              <tr>
                <th>When</th>
                <th>Where</th>
                <th className="num">Change</th>
                <th>Why</th>
                <th>Who</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {movements?.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.locationName}</td>
                  <td className="num">
                    {m.onHandDelta > 0 ? '+' : ''}
                    {m.onHandDelta}
                    {m.committedDelta !== 0 && (
                      <small className="muted"> (committed {m.committedDelta})</small>
                    )}
                  </td>
                  <td>
                    {m.reason}
                    {m.note ? ` — ${m.note}` : ''}
                  </td>
                  <td>{m.actorName ?? 'system'}</td>
                  <td className="muted">{m.sourceType ? `${m.sourceType} ${m.sourceId ?? ''}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h2>Low stock at {locationName(activeLocation)}</h2>
      <table className="grid" aria-label="Low stock">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Available</th>
            <th className="num">Threshold</th>
          </tr>
        </thead>
        <tbody>
          {low?.map((item) => (
            <tr key={item.variant.id}>
              <td>
                <button type="button" className="link" onClick={() => setVariant(item.variant)}>
                  {variantName(item.variant)}
                </button>
              </td>
              <td className="num">{item.available}</td>
              <td className="num">{item.threshold}</td>
            </tr>
          ))}
          {low?.length === 0 && (
            <tr>
              <td colSpan={3}>Nothing is below its threshold.</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
