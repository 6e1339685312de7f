import { type FormEvent, useEffect, useState } from 'react';
import { api, describeError, get, query } from '../api/client.ts';
import type { Page, ProductBuffer, ProductView } from '../api/types.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';

/**
 * Safety buffers: Shopify shows this many fewer units than the till holds, so the last few are kept
 * for the shop floor. One default for every product, and a product's own figure where it differs.
 */
export function ShopifyBuffers(props: { defaultBuffer: number; canEdit: boolean; onChanged(): void }) {
  const buffers = useLoad(() => get<ProductBuffer[]>('/api/shopify/buffers'), 'buffers');
  const [defaultBuffer, setDefaultBuffer] = useState(String(props.defaultBuffer));
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ProductView[]>([]);
  const [productId, setProductId] = useState('');
  const [productBuffer, setProductBuffer] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setDefaultBuffer(String(props.defaultBuffer)), [props.defaultBuffer]);
  useEffect(() => {
    if (!props.canEdit || search.trim() === '') return setFound([]);
    const timer = setTimeout(() => {
      get<Page<ProductView>>(`/api/catalog/products${query({ q: search.trim(), limit: 10 })}`)
        .then((page) => {
          setFound(page.items);
          setProductId(page.items[0]?.id ?? '');
        })
        .catch((caught) => setError(describeError(caught)));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, props.canEdit]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(done);
      await buffers.reload();
      props.onChanged();
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const saveDefault = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => api('PUT', '/api/shopify/settings', { defaultBuffer: Number(defaultBuffer) }),
      'Default buffer saved.',
    );
  };
  const setBuffer = (id: string, buffer: number | null) =>
    run(
      () => api('PUT', `/api/shopify/buffers/${encodeURIComponent(id)}`, { buffer }),
      buffer === null ? 'The product uses the default again.' : 'Product buffer saved.',
    );
  const addProductBuffer = (event: FormEvent) => {
    event.preventDefault();
    if (productId) void setBuffer(productId, Number(productBuffer));
  };

  return (
    <section className="card" aria-label="Safety buffers">
      <h2>Safety buffers</h2>
      <p>Shopify is offered this many fewer units than the till holds, per item and location.</p>
      {props.canEdit ? (
        <form onSubmit={saveDefault} aria-label="Default buffer">
          <label>
            Default buffer (units)
            <input
              type="number"
              min={0}
              max={100000}
              step={1}
              value={defaultBuffer}
              onChange={(e) => setDefaultBuffer(e.target.value)}
              required
            />
          </label>{' '}
          <button type="submit">Save default</button>
        </form>
      ) : (
        <p>Default buffer: {props.defaultBuffer} unit(s).</p>
      )}
      <h3>Products with their own buffer</h3>
      {(buffers.data?.length ?? 0) === 0 ? (
        <p>None: every product uses the default.</p>
      ) : (
        <table className="grid" aria-label="Product buffers">
          <thead>
            <tr>
              <th>Product</th>
              <th className="num">Buffer</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {buffers.data?.map((b) => (
              <tr key={b.productId}>
                <td>{b.productName}</td>
                <td className="num">{b.buffer}</td>
                <td>
                  {props.canEdit && (
                    <button type="button" onClick={() => void setBuffer(b.productId, null)}>
                      Use the default
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canEdit && (
        <form onSubmit={addProductBuffer} aria-label="Product buffer">
          <label>
            Find a product
            <input
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Name, SKU or barcode"
            />
          </label>{' '}
          {found.length > 0 && (
            <label>
              Product{' '}
              <select
                aria-label="Product to buffer"
                value={productId}
                onChange={(e) => setProductId(e.target.value)}
              >
                {found.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}{' '}
          <label>
            Its buffer (units)
            <input
              type="number"
              min={0}
              max={100000}
              step={1}
              value={productBuffer}
              onChange={(e) => setProductBuffer(e.target.value)}
              required
            />
          </label>{' '}
          <button type="submit" disabled={!productId}>
            Set product buffer
          </button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
      <ErrorText error={error ?? buffers.error} />
    </section>
  );
}
