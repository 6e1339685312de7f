import { type FormEvent, useState } from 'react';
import { describeError, post } from '../api/client.ts';
import { ErrorText } from '../ui/dialog.tsx';

/** Connecting a store: a custom app's token, or a Dev Dashboard app's client id and secret. */
export function ShopifyConnectForm(props: { onConnected(): void }) {
  const [kind, setKind] = useState<'token' | 'client'>('client');
  const [fields, setFields] = useState({
    shopDomain: '',
    accessToken: '',
    clientId: '',
    clientSecret: '',
    apiSecret: '',
    webhookBaseUrl: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/api/shopify/connect', {
        shopDomain: fields.shopDomain,
        ...(kind === 'token'
          ? { accessToken: fields.accessToken }
          : { clientId: fields.clientId, clientSecret: fields.clientSecret }),
        apiSecret: kind === 'client' && !fields.apiSecret ? fields.clientSecret : fields.apiSecret,
        ...(fields.webhookBaseUrl ? { webhookBaseUrl: fields.webhookBaseUrl } : {}),
      });
      props.onConnected();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card narrow" onSubmit={submit} aria-label="Connect a Shopify store">
      <h2>Connect your Shopify store</h2>
      <label>
        Shop domain
        <input
          value={fields.shopDomain}
          onChange={set('shopDomain')}
          placeholder="your-shop.myshopify.com"
          required
        />
      </label>
      <fieldset>
        <legend>Your app in Shopify</legend>
        <label>
          <input type="radio" checked={kind === 'client'} onChange={() => setKind('client')} /> Dev Dashboard
          app (client id and secret)
        </label>
        <label>
          <input type="radio" checked={kind === 'token'} onChange={() => setKind('token')} /> Custom app made
          in the Shopify admin (access token)
        </label>
      </fieldset>
      {kind === 'token' ? (
        <>
          <label>
            Admin API access token
            <input type="password" value={fields.accessToken} onChange={set('accessToken')} required />
          </label>
          <label>
            API secret key (signs webhooks)
            <input type="password" value={fields.apiSecret} onChange={set('apiSecret')} required />
          </label>
        </>
      ) : (
        <>
          <label>
            Client id
            <input value={fields.clientId} onChange={set('clientId')} required />
          </label>
          <label>
            Client secret
            <input type="password" value={fields.clientSecret} onChange={set('clientSecret')} required />
          </label>
        </>
      )}
      <label>
        Public address of this server, for webhooks (optional; without it orders arrive by polling every
        minute)
        <input
          value={fields.webhookBaseUrl}
          onChange={set('webhookBaseUrl')}
          placeholder="https://till.example.com"
        />
      </label>
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
