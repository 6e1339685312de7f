import { type FormEvent, useState } from 'react';
import { describeError, get, patch, post } from '../api/client.ts';
import type { ProductView } from '../api/types.ts';
import { formatBp, formatMinor, parseMoneyInput, parsePercentInput } from '../format.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { ErrorText } from '../ui/dialog.tsx';
import { focusOnMount } from '../ui/focus-on-mount.ts';
import { useLoad } from '../ui/use-load.ts';
import { chooseForLabels } from './label-selection.ts';
import { blankVariant, type VariantDraft, variantBody } from './variant-form.ts';
import { VariantRow } from './variant-row.tsx';

/** New product (with its variants) or an existing one: product fields, then each variant. */
export function ProductEditPage(props: { productId: string | null }) {
  const { settings } = useSession();
  const {
    data: product,
    reload,
    error: loadError,
  } = useLoad(
    async () =>
      props.productId
        ? get<ProductView>(`/api/catalog/products/${encodeURIComponent(props.productId)}`)
        : null,
    props.productId ?? 'new',
  );
  if (props.productId && !product) return <p className="page-message">{loadError ?? 'Loading…'}</p>;
  return product ? (
    <ExistingProduct product={product} onChanged={reload} />
  ) : (
    <NewProduct defaultTaxRateBp={settings.defaultTaxRateBp} />
  );
}

function NewProduct(props: { defaultTaxRateBp: number }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [taxRate, setTaxRate] = useState(formatBp(props.defaultTaxRateBp).replace('%', ''));
  const [optionNames, setOptionNames] = useState('');
  const [variants, setVariants] = useState<VariantDraft[]>([{ ...blankVariant(), generateBarcode: true }]);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const taxRateBp = parsePercentInput(taxRate);
      if (taxRateBp === null) throw new Error('tax rate must be a percentage such as 20');
      const created = await post<ProductView>('/api/catalog/products', {
        name,
        ...(description ? { description } : {}),
        taxRateBp,
        optionNames: optionNames
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        variants: variants.map(variantBody),
      });
      navigate(`/back-office/products/${encodeURIComponent(created.id)}`, { replace: true });
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  return (
    <form className="page stack" onSubmit={submit}>
      <h1>New product</h1>
      <label>
        Name
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          ref={focusOnMount}
        />
      </label>
      <label>
        Description
        <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Tax rate (%)
        <input
          name="tax-rate"
          value={taxRate}
          onChange={(e) => setTaxRate(e.target.value)}
          inputMode="decimal"
        />
      </label>
      <label>
        Option names (comma separated, e.g. Size, Colour)
        <input name="option-names" value={optionNames} onChange={(e) => setOptionNames(e.target.value)} />
      </label>
      <h2>Variants</h2>
      {variants.map((draft, index) => (
        <VariantRow
          // biome-ignore lint/suspicious/noArrayIndexKey: unsaved rows are identified by position
          key={index}
          draft={draft}
          onChange={(next) => setVariants(variants.map((v, i) => (i === index ? next : v)))}
          onRemove={
            variants.length > 1 ? () => setVariants(variants.filter((_, i) => i !== index)) : undefined
          }
        />
      ))}
      <button type="button" onClick={() => setVariants([...variants, blankVariant()])}>
        Add variant
      </button>
      <ErrorText error={error} />
      <button type="submit" className="primary big">
        Create product
      </button>
    </form>
  );
}

function ExistingProduct(props: { product: ProductView; onChanged(): Promise<void> }) {
  const { product } = props;
  const [name, setName] = useState(product.name);
  const [taxRate, setTaxRate] = useState(formatBp(product.taxRateBp).replace('%', ''));
  const [newVariant, setNewVariant] = useState<VariantDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
      setSaved(what);
      await props.onChanged();
    } catch (caught) {
      setSaved(null);
      setError(describeError(caught));
    }
  };
  const saveProduct = (event: FormEvent) => {
    event.preventDefault();
    const taxRateBp = parsePercentInput(taxRate);
    if (taxRateBp === null) return setError('tax rate must be a percentage such as 20');
    void run('Product saved.', () =>
      patch(`/api/catalog/products/${encodeURIComponent(product.id)}`, { name, taxRateBp }),
    );
  };
  return (
    <div className="page stack">
      <h1>{product.name}</h1>
      <form className="inline-form" onSubmit={saveProduct}>
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Tax % <input value={taxRate} onChange={(e) => setTaxRate(e.target.value)} size={5} />
        </label>
        <button type="submit" className="primary">
          Save
        </button>
        <button
          type="button"
          onClick={() =>
            run('Saved.', () =>
              patch(`/api/catalog/products/${encodeURIComponent(product.id)}`, { active: !product.active }),
            )
          }
        >
          {product.active ? 'Deactivate' : 'Activate'}
        </button>
      </form>
      <ErrorText error={error} />
      {saved && <p className="ok-text">{saved}</p>}
      <table className="grid" aria-label="Variants">
        <thead>
          <tr>
            <th>Variant</th>
            <th>SKU</th>
            <th>Barcode</th>
            <th className="num">Price</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {product.variants.map((variant) => (
            <tr key={variant.id}>
              <td>{variant.optionValues.join(' / ') || variant.title}</td>
              <td>{variant.sku}</td>
              <td data-testid="variant-barcode">{variant.barcode ?? <span className="muted">none</span>}</td>
              <td className="num">
                <PriceEditor
                  priceMinor={variant.priceMinor}
                  onSave={(priceMinor) =>
                    run('Price saved.', () =>
                      patch(`/api/catalog/variants/${encodeURIComponent(variant.id)}`, { priceMinor }),
                    )
                  }
                />
              </td>
              <td>
                {!variant.barcode && (
                  <button
                    type="button"
                    onClick={() =>
                      run('Barcode generated.', () =>
                        post(`/api/catalog/variants/${encodeURIComponent(variant.id)}/generate-barcode`),
                      )
                    }
                  >
                    Generate barcode
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => {
                    chooseForLabels([variant]);
                    navigate('/back-office/labels');
                  }}
                >
                  Label
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {newVariant ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run('Variant added.', async () => {
              await post(
                `/api/catalog/products/${encodeURIComponent(product.id)}/variants`,
                variantBody(newVariant, 0),
              );
              setNewVariant(null);
            });
          }}
        >
          <VariantRow draft={newVariant} onChange={setNewVariant} onRemove={() => setNewVariant(null)} />
          <button type="submit" className="primary">
            Add this variant
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setNewVariant(blankVariant())}>
          Add variant
        </button>
      )}
    </div>
  );
}

function PriceEditor(props: { priceMinor: number; onSave(priceMinor: number): void }) {
  const [text, setText] = useState(formatMinor(props.priceMinor));
  return (
    <input
      className="price-input"
      aria-label="Price"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        const minor = parseMoneyInput(text);
        if (minor !== null && minor !== props.priceMinor) props.onSave(minor);
      }}
    />
  );
}
