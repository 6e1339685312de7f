import { useEffect, useState } from 'react';
import { get } from '../api/client.ts';
import { formatDateTime } from '../format.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';
import { ShopifyAttention } from './shopify-attention.tsx';
import { ShopifyBuffers } from './shopify-buffers.tsx';
import { ShopifyConnectForm } from './shopify-connect-form.tsx';
import { ShopifyFirstSync } from './shopify-first-sync.tsx';
import { ShopifyHealth } from './shopify-health.tsx';
import { ShopifyLocationMap } from './shopify-location-map.tsx';
import { ShopifyRefusedChanges } from './shopify-refused-changes.tsx';
import type { ShopifyStatus } from './shopify-types.ts';

/** The Shopify page: connect, first sync, then the health of the sync and what needs a person. */
export function ShopifyPage() {
  const session = useSession();
  const [tick, setTick] = useState(0);
  const status = useLoad(() => get<ShopifyStatus>('/api/shopify/status'), `s${tick}`);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 5000);
    return () => clearInterval(timer);
  }, []);
  const refresh = () => setTick((t) => t + 1);
  const canManage = session.can('integration.manage');
  const data = status.data;
  const stockSettings = data?.connected && (
    <>
      <ShopifyLocationMap status={data} canManage={canManage} onChanged={refresh} />
      <ShopifyBuffers
        defaultBuffer={data.defaultBuffer ?? 0}
        canEdit={session.can('stock.write')}
        onChanged={refresh}
      />
    </>
  );
  return (
    <main className="page">
      <h1>Shopify</h1>
      <ErrorText error={status.error} />
      {data &&
        !data.connected &&
        (data.plan === 'free' ? (
          <p className="card narrow">
            The Shopify integration is included with the Pro and Pay plans; this shop is on the Free plan.
          </p>
        ) : canManage ? (
          <ShopifyConnectForm onConnected={refresh} />
        ) : (
          <p>No Shopify store is connected yet; the owner can connect one here.</p>
        ))}
      {data?.connected && (
        <>
          <section className="card" aria-label="Connection">
            <h2 data-testid="shop-domain">{data.shopDomain}</h2>
            <p>
              {data.sandbox ? 'Local Shopify sandbox (demo). ' : ''}
              {data.authKind === 'client_credentials' ? 'Dev Dashboard app' : 'Custom app token'}; plan{' '}
              {data.plan}.{' '}
              {data.integrationStartedAt
                ? `Syncing since ${formatDateTime(data.integrationStartedAt)}.`
                : 'Not syncing yet.'}
            </p>
            <p>
              Safety buffer: {data.defaultBuffer ?? 0} unit(s) held back from Shopify per item. Stock edited
              in Shopify is{' '}
              {data.editPolicy === 'accept' ? 'taken into the till' : 'put back to the till figure'}.
            </p>
          </section>
          {!data.integrationStartedAt && (
            <>
              {/* Locations come first: the first sync needs at least one mapped. */}
              {stockSettings}
              {canManage && <ShopifyFirstSync onDone={refresh} />}
            </>
          )}
          {data.integrationStartedAt && (
            <>
              <ShopifyHealth status={data} onChanged={refresh} refreshKey={tick} />
              <ShopifyRefusedChanges count={data.failedPushes ?? 0} refreshKey={tick} onChanged={refresh} />
              <ShopifyAttention canManage={canManage} refreshKey={tick} />
              {stockSettings}
            </>
          )}
        </>
      )}
    </main>
  );
}
