import { get, query } from '../api/client.ts';
import type { Page, StockLevel, VariantView } from '../api/types.ts';
import { useLoad } from '../ui/use-load.ts';

export const variantName = (v: VariantView) =>
  v.title && v.title !== 'Default' ? `${v.productName} — ${v.title}` : v.productName;

/** Items (the search's matches, or the first 50) with their stock at one location; pick one to work on. */
export function LocationLevels(props: {
  locationId: string;
  q: string;
  version: number;
  onPick(v: VariantView): void;
}) {
  const { data, error } = useLoad(async () => {
    const [variants, levels] = await Promise.all([
      get<Page<VariantView>>(`/api/catalog/variants${query({ q: props.q.trim(), limit: 50 })}`),
      props.locationId
        ? get<StockLevel[]>(`/api/stock/levels${query({ locationId: props.locationId })}`)
        : [],
    ]);
    const byVariant = new Map(levels.map((level) => [level.variantId, level]));
    return variants.items.map((variant) => ({ variant, level: byVariant.get(variant.id) }));
  }, `${props.locationId}:${props.q}:${props.version}`);
  if (error) return <p className="error">{error}</p>;
  return (
    <table className="grid" aria-label="Stock at this location">
      <thead>
        <tr>
          <th>Item</th>
          <th>SKU</th>
          <th className="num">On hand</th>
          <th className="num">Available</th>
        </tr>
      </thead>
      <tbody>
        {data?.map(({ variant, level }) => (
          <tr key={variant.id}>
            <td>
              <button type="button" className="link" onClick={() => props.onPick(variant)}>
                {variantName(variant)}
              </button>
            </td>
            <td>{variant.sku}</td>
            <td className="num">{level?.onHand ?? 0}</td>
            <td className="num">{level?.available ?? 0}</td>
          </tr>
        ))}
        {data?.length === 0 && (
          <tr>
            <td colSpan={4}>No item matches.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
