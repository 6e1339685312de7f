import { useState } from 'react';
import { get, query } from '../api/client.ts';
import type { Page, ProductView } from '../api/types.ts';
import { formatMinor } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { useLoad } from '../ui/use-load.ts';
import { CsvImport } from './csv-import.tsx';
import { chooseForLabels } from './label-selection.ts';

export function ProductsPage() {
  const session = useSession();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { data, error, reload } = useLoad(
    () => get<Page<ProductView>>(`/api/catalog/products${query({ q, limit: 100 })}`),
    q,
  );
  const toggle = (variantId: string) => {
    const next = new Set(selected);
    if (next.has(variantId)) next.delete(variantId);
    else next.add(variantId);
    setSelected(next);
  };
  return (
    <div className="page">
      <div className="page-head">
        <h1>Products</h1>
        {session.can('catalog.write') && (
          <Link to="/back-office/products/new" className="button primary">
            New product
          </Link>
        )}
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => {
            const all = data?.items.flatMap((p) => p.variants) ?? [];
            chooseForLabels(all.filter((v) => selected.has(v.id)));
            navigate('/back-office/labels');
          }}
        >
          Print labels ({selected.size})
        </button>
        <a className="button" href="/api/catalog/export.csv">
          Export CSV
        </a>
        {session.can('catalog.write') && <CsvImport onImported={() => void reload()} />}
      </div>
      <input
        type="search"
        aria-label="Search products"
        placeholder="Search by name, SKU or barcode"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {error && <p className="error">{error}</p>}
      <table className="grid" aria-label="Products">
        <thead>
          <tr>
            <th />
            <th>Product</th>
            <th>Variant</th>
            <th>SKU</th>
            <th>Barcode</th>
            <th className="num">Price</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.flatMap((product) =>
            product.variants.map((variant, index) => (
              <tr key={variant.id} className={product.active && variant.active ? undefined : 'inactive'}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${product.name} ${variant.title}`}
                    checked={selected.has(variant.id)}
                    onChange={() => toggle(variant.id)}
                  />
                </td>
                <td>
                  {index === 0 && (
                    <Link to={`/back-office/products/${encodeURIComponent(product.id)}`}>{product.name}</Link>
                  )}
                </td>
                <td>
                  {variant.optionValues.join(' / ') || (variant.title === 'Default' ? '—' : variant.title)}
                </td>
                <td>{variant.sku}</td>
                <td>{variant.barcode ?? <span className="muted">none</span>}</td>
                <td className="num">{formatMinor(variant.priceMinor)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
