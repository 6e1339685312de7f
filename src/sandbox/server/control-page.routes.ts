import type { FastifyInstance } from 'fastify';

/**
 * `GET /sandbox`: a small page over the control API — shops, their storefront, fault knobs, recent
 * orders with fulfil/cancel/refund buttons, and a hand edit of stock. Plain HTML and fetch, no build.
 */
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tillsync · Shopify sandbox</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1d2430}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left}
button{margin-right:.3rem}input{width:6rem}fieldset{border:1px solid #dde;margin:.6rem 0}
.note{color:#667}
</style></head><body>
<h1>Shopify sandbox</h1>
<p class="note">A local stand-in for Shopify's Admin API (2026-07 subset). Everything here goes through the same GraphQL mutations an app would send.</p>
<h2>Shops</h2>
<p><select id="plan"><option>standard</option><option>advanced</option><option>plus</option></select>
<button id="create">Create shop</button> <button id="reset">Reset sandbox</button></p>
<table id="shops"><thead><tr><th>Domain</th><th>Plan</th><th>Storefront</th><th></th></tr></thead><tbody></tbody></table>
<div id="detail"></div>
<script type="module">
const json = (r) => r.json();
const call = (method, url, body) => fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined }).then(json);
let current = null;
async function loadShops() {
  const shops = await fetch('/sandbox/shops').then(json);
  document.querySelector('#shops tbody').innerHTML = shops.map((s) =>
    '<tr><td>' + s.domain + '</td><td>' + s.plan + '</td><td>' + (s.storefront.running ? s.storefront.ordersPerMinute + '/min, ' + s.storefront.placed + ' placed' : 'stopped') +
    '</td><td><button data-open="' + s.domain + '">Open</button></td></tr>').join('');
}
document.querySelector('#create').onclick = async () => {
  const shop = await call('POST', '/sandbox/shops', { plan: document.querySelector('#plan').value });
  await call('POST', '/sandbox/shops/' + shop.domain + '/seed', { variants: 40 });
  alert('Admin API token: ' + shop.accessToken + '\\nAPI secret: ' + shop.apiSecret);
  loadShops();
};
document.querySelector('#reset').onclick = async () => { if (confirm('Delete every shop?')) { await call('POST', '/sandbox/reset'); loadShops(); } };
document.addEventListener('click', async (e) => {
  const t = e.target;
  if (t.dataset.open) { current = t.dataset.open; showShop(); }
  if (t.dataset.act) {
    const [act, id] = t.dataset.act.split(':');
    const base = '/sandbox/shops/' + current + '/orders/' + id;
    if (act === 'fulfil') await call('POST', base + '/fulfil', {});
    if (act === 'cancel') await call('POST', base + '/cancel', { restock: true });
    if (act === 'cancel-no') await call('POST', base + '/cancel', { restock: false });
    if (act.startsWith('refund')) {
      const line = t.dataset.line, loc = t.dataset.loc, type = act.split('-')[1].toUpperCase();
      await call('POST', base + '/refund', { lines: [{ lineItemId: line, quantity: 1, restockType: type === 'NO' ? 'NO_RESTOCK' : type, locationId: loc }] });
    }
    showShop();
  }
});
async function showShop() {
  const history = await fetch('/sandbox/shops/' + current + '/inventory-history?limit=30').then(json);
  document.querySelector('#detail').innerHTML = '<h2>' + current + '</h2>' +
    '<fieldset><legend>Storefront</legend>orders/min <input id="opm" value="6"> oversell <input type="checkbox" id="over"> <button id="sf-start">Start</button><button id="sf-stop">Stop</button></fieldset>' +
    '<fieldset><legend>Faults (rates 0–1)</legend>' + ['apiFailureRate','timeoutAfterApplyRate','bucketScale','webhookDropRate','webhookDuplicateRate','webhookDelayRate','webhookReorderRate'].map((k) => k + ' <input data-knob="' + k + '" placeholder="' + (k === 'bucketScale' ? '1' : '0') + '">').join(' ') + ' <button id="faults">Apply</button></fieldset>' +
    '<fieldset><legend>Edit stock by hand</legend>item <input id="item" style="width:18rem"> location <input id="loc" style="width:14rem"> available <input id="avail"> <button id="setstock">Set</button></fieldset>' +
    '<fieldset><legend>Order actions</legend>order id <input id="oid" style="width:12rem"> <button id="ful">Fulfil</button><button id="can">Cancel + restock</button><button id="canno">Cancel, no restock</button></fieldset>' +
    '<h2>Inventory history</h2><table><tr><th>When</th><th>Reason</th><th>Reference</th><th>Name</th><th>Δ</th><th>Item</th></tr>' +
    history.map((h) => '<tr><td>' + h.createdAt + '</td><td>' + h.reason + '</td><td>' + (h.referenceDocumentUri || '') + '</td><td>' + h.name + '</td><td>' + h.delta + '</td><td>' + h.inventoryItemId + '</td></tr>').join('') + '</table>';
  document.querySelector('#sf-start').onclick = () => call('POST', '/sandbox/shops/' + current + '/storefront', { ordersPerMinute: Number(document.querySelector('#opm').value), oversell: document.querySelector('#over').checked }).then(loadShops);
  document.querySelector('#sf-stop').onclick = () => call('DELETE', '/sandbox/shops/' + current + '/storefront').then(loadShops);
  document.querySelector('#faults').onclick = () => {
    const knobs = {};
    for (const input of document.querySelectorAll('[data-knob]')) if (input.value !== '') knobs[input.dataset.knob] = Number(input.value);
    call('PUT', '/sandbox/shops/' + current + '/faults', knobs);
  };
  document.querySelector('#setstock').onclick = () => call('POST', '/sandbox/shops/' + current + '/stock', { inventoryItemId: document.querySelector('#item').value, locationId: document.querySelector('#loc').value, available: Number(document.querySelector('#avail').value) }).then(showShop);
  const order = (path, body) => call('POST', '/sandbox/shops/' + current + '/orders/' + document.querySelector('#oid').value + path, body).then(showShop);
  document.querySelector('#ful').onclick = () => order('/fulfil', {});
  document.querySelector('#can').onclick = () => order('/cancel', { restock: true });
  document.querySelector('#canno').onclick = () => order('/cancel', { restock: false });
}
loadShops();
</script></body></html>`;

export function registerControlPage(app: FastifyInstance): void {
  app.get('/sandbox', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
}
