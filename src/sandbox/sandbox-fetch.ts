/**
 * The one piece of configuration that points `@shopify/admin-api-client` at the sandbox: the client
 * always builds `https://<storeDomain>/admin/api/…`, so its `customFetchApi` sends those requests to
 * the sandbox's address instead. With a real store the project passes no custom fetch; nothing else
 * differs.
 */
export function sandboxFetch(sandboxUrl: string): typeof fetch {
  const target = new URL(sandboxUrl);
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    url.protocol = target.protocol;
    url.host = target.host;
    return fetch(url, init);
  };
}
