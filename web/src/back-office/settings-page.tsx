import { type FormEvent, useEffect, useState } from 'react';
import { describeError, patch } from '../api/client.ts';
import type { MiscSaleRule, ShopSettings } from '../api/types.ts';
import { formatBp, formatMinor, parseMoneyInput, parsePercentInput } from '../format.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorText } from '../ui/dialog.tsx';

const MISC_RULES: Array<[MiscSaleRule, string]> = [
  ['on', 'allowed'],
  ['manager_pin', 'needs a manager’s PIN'],
  ['off', 'not allowed'],
];

export function SettingsPage() {
  const session = useSession();
  const [draft, setDraftState] = useState<ShopSettings>(session.settings);
  const [dirty, setDirty] = useState(false);
  const setDraft = (next: ShopSettings) => {
    setDirty(true);
    setDraftState(next);
  };
  const [taxRate, setTaxRate] = useState(formatBp(session.settings.defaultTaxRateBp).replace('%', ''));
  const [maxDiscount, setMaxDiscount] = useState(
    formatBp(session.settings.cashierMaxDiscountBp).replace('%', ''),
  );
  const [returnLimit, setReturnLimit] = useState(formatMinor(session.settings.returnApprovalOverMinor));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Settings refreshed from the server replace the form only while nobody is typing in it.
  useEffect(() => {
    if (!dirty) setDraftState(session.settings);
  }, [session.settings, dirty]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const defaultTaxRateBp = parsePercentInput(taxRate);
    const cashierMaxDiscountBp = parsePercentInput(maxDiscount);
    const returnApprovalOverMinor = parseMoneyInput(returnLimit);
    if (defaultTaxRateBp === null || cashierMaxDiscountBp === null)
      return setError('percentages must be between 0 and 100');
    if (returnApprovalOverMinor === null) return setError('the return approval limit must be an amount');
    // Only the fields a person edits here: the plan and the Shopify connection are set elsewhere.
    const {
      shopName,
      address,
      currency,
      pricesIncludeTax,
      miscSales,
      miscSalesWhenShopifyConnected,
      receiptFooter,
    } = draft;
    try {
      await patch('/api/settings', {
        shopName,
        address,
        currency,
        pricesIncludeTax,
        miscSales,
        miscSalesWhenShopifyConnected,
        receiptFooter,
        defaultTaxRateBp,
        cashierMaxDiscountBp,
        returnApprovalOverMinor,
      });
      await session.reloadSettings();
      setError(null);
      setSaved(true);
      setDirty(false);
    } catch (caught) {
      setSaved(false);
      setError(describeError(caught));
    }
  };
  const text = (key: 'shopName' | 'address' | 'currency' | 'receiptFooter', label: string) => (
    <label>
      {label}
      <input name={key} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );
  const misc = (key: 'miscSales' | 'miscSalesWhenShopifyConnected', label: string) => (
    <label>
      {label}
      <select
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value as MiscSaleRule })}
      >
        {MISC_RULES.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="page stack narrow" onSubmit={submit}>
      <h1>Shop settings</h1>
      {text('shopName', 'Shop name')}
      {text('address', 'Address (printed on receipts)')}
      {text('currency', 'Currency (ISO code)')}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.pricesIncludeTax}
          onChange={(e) => setDraft({ ...draft, pricesIncludeTax: e.target.checked })}
        />
        Prices include tax (VAT)
      </label>
      <label>
        Default tax rate (%)
        <input value={taxRate} onChange={(e) => setTaxRate(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Largest discount a cashier may give (%)
        <input value={maxDiscount} onChange={(e) => setMaxDiscount(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Refunds above this need a manager
        <input value={returnLimit} onChange={(e) => setReturnLimit(e.target.value)} inputMode="decimal" />
      </label>
      {misc('miscSales', 'Misc items')}
      {misc('miscSalesWhenShopifyConnected', 'Misc items once Shopify is connected')}
      {text('receiptFooter', 'Receipt footer')}
      <p className="muted">Plan: {draft.plan}</p>
      <ErrorText error={error} />
      {saved && <p className="ok-text">Settings saved.</p>}
      <button type="submit" className="primary big">
        Save settings
      </button>
    </form>
  );
}
