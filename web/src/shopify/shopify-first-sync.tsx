import { useEffect, useState } from 'react';
import { describeError, get, post } from '../api/client.ts';
import { ErrorText } from '../ui/dialog.tsx';
import type { FirstSyncOutcome, FirstSyncState } from './shopify-types.ts';

const CONFLICT_WORDS: Record<string, string> = {
  duplicate_barcode_shopify: 'the same barcode is on several Shopify items',
  duplicate_barcode_pos: 'the same barcode is on several till items',
  invalid_barcode_shopify: 'a Shopify barcode is not a valid GTIN',
  barcode_match_sku_differs: 'barcodes match but SKUs differ',
  duplicate_sku: 'the same SKU is on several items',
};

/** Read Shopify's catalogue (with progress), show what matched, and link on the owner's word. */
export function ShopifyFirstSync(props: { onDone(): void }) {
  const [state, setState] = useState<FirstSyncState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importShopifyOnly, setImportShopifyOnly] = useState(true);
  const [createPosOnly, setCreatePosOnly] = useState(false);
  const [outcome, setOutcome] = useState<FirstSyncOutcome | null>(null);
  const load = () =>
    get<FirstSyncState>('/api/shopify/first-sync')
      .then(setState)
      .catch((e) => setError(describeError(e)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: poll from mount to unmount
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, []);
  const start = async () => {
    setError(null);
    await post('/api/shopify/first-sync').catch((e) => setError(describeError(e)));
    await load();
  };
  const confirm = async () => {
    if (!state?.job) return;
    setBusy(true);
    try {
      const result = await post<FirstSyncOutcome>('/api/shopify/first-sync/confirm', {
        jobId: state.job.id,
        importShopifyOnly,
        createPosOnly,
      });
      setOutcome(result);
      // Products left behind need the owner to read why before the page moves on.
      if (result.skipped.length === 0 && result.notCreated.length === 0) props.onDone();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const job = state?.job;
  return (
    <section className="card" aria-label="First sync">
      <h2>First sync</h2>
      <p>
        Reads every item in your Shopify store and matches it to the till's catalogue by barcode, then by SKU.
        Nothing changes until you confirm.
      </p>
      {!job && (
        <button type="button" className="primary" onClick={start}>
          Read the Shopify catalogue
        </button>
      )}
      {job && job.status === 'reading' && (
        <p role="status">
          Reading… <progress /> {job.variants_read} items read
          {job.error && !job.reading && (
            <button type="button" onClick={start}>
              Resume
            </button>
          )}
        </p>
      )}
      {job?.creating && (
        <p role="status">
          Creating the till-only items on Shopify…{' '}
          <progress value={job.creating.done} max={Math.max(job.creating.total, 1)} /> {job.creating.done} of{' '}
          {job.creating.total} products
        </p>
      )}
      {state?.preview && (job?.status === 'ready' || (job?.status === 'applying' && !busy)) && (
        <>
          {job.status === 'applying' && (
            <p>
              The last confirm stopped part-way. Confirm again to finish: nothing is linked or created twice.
            </p>
          )}
          <table className="grid" aria-label="First sync preview">
            <tbody>
              <tr>
                <th>Matched (will be linked)</th>
                <td className="num">{state.preview.counts.matched}</td>
              </tr>
              <tr>
                <th>Only in the till ({createPosOnly ? 'created on Shopify' : 'left unlinked'})</th>
                <td className="num">{state.preview.counts.posOnly}</td>
              </tr>
              <tr>
                <th>Only in Shopify ({importShopifyOnly ? 'added to the till' : 'left unlinked'})</th>
                <td className="num">{state.preview.counts.shopifyOnly}</td>
              </tr>
              <tr>
                <th>Conflicts (need your decision; left unlinked)</th>
                <td className="num">{state.preview.counts.conflicts}</td>
              </tr>
            </tbody>
          </table>
          {state.preview.conflicts.length > 0 && (
            <ul>
              {state.preview.conflicts.slice(0, 50).map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a conflict has no id of its own
                <li key={i}>{CONFLICT_WORDS[c.kind] ?? c.kind}</li>
              ))}
            </ul>
          )}
          <label>
            <input
              type="checkbox"
              checked={importShopifyOnly}
              onChange={(e) => setImportShopifyOnly(e.target.checked)}
            />{' '}
            Also add the Shopify-only items to the till, with Shopify's stock as their opening stock
          </label>
          <label>
            <input
              type="checkbox"
              checked={createPosOnly}
              onChange={(e) => setCreatePosOnly(e.target.checked)}
            />{' '}
            Also create the till-only items on Shopify (with their barcodes, SKUs and prices), showing the
            till's stock
          </label>
          <p>Confirming links the matched items and sets Shopify's stock to the till's figures.</p>
          <button type="button" className="primary" onClick={confirm} disabled={busy}>
            {busy ? 'Linking…' : 'Confirm and link'}
          </button>
        </>
      )}
      {outcome && (outcome.skipped.length > 0 || outcome.notCreated.length > 0) && (
        <div role="status" aria-label="First sync outcome">
          <p>
            Linked. {outcome.createdOnShopify} item(s) created on Shopify, {outcome.imported} added to the
            till. These were left out:
          </p>
          <ul>
            {[...outcome.skipped, ...outcome.notCreated].map((s) => (
              <li key={s.product}>
                {s.product}: {s.reason}
              </li>
            ))}
          </ul>
          <button type="button" onClick={props.onDone}>
            Continue
          </button>
        </div>
      )}
      <ErrorText error={error} />
    </section>
  );
}
