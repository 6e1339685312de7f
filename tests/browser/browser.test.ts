/**
 * The browser scenarios, run one after another in a single worker. Each drives a real Chromium against
 * the real server; scanner bursts are timed in milliseconds, so they must not fight each other (and two
 * more Chromiums) for the machine's cores.
 */
import './register-flow.scenario.ts';
import './back-office.scenario.ts';
import './offline-sale.scenario.ts';
import './approval.scenario.ts';
import './camera.scenario.ts';
import './shopify-sync.scenario.ts';
import './inert-html.scenario.ts';
