import express from 'express';
import { DomainError } from '../../platform/errors.js';
import { TEST_CHECKOUT_PATH, type BillingService, type TestCheckoutAction, type TestCheckoutView } from './billing.service.js';

const ACTIONS: readonly TestCheckoutAction[] = ['pay', 'fail', 'cancel'];

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#fff3cd;border:2px solid #b58100;padding:.75rem 1rem;font-weight:700;border-radius:.375rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#555}
form{display:flex;gap:.5rem;margin-top:1.5rem}button{font-size:1rem;padding:.5rem 1rem;cursor:pointer}`;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(sessionId: string, view: TestCheckoutView): string {
  const action = `${TEST_CHECKOUT_PATH}/${sessionId}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Test checkout: no money moves</title><link rel="stylesheet" href="${TEST_CHECKOUT_PATH}.css"></head>
<body><p class="banner" role="alert">Test mode: no money moves. This is Tollgate's own test checkout, not Stripe.</p>
<h1>${escape(view.heading)}</h1>
<dl>${view.rows.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('\n')}
<dt>Status</dt><dd data-status="${escape(view.status)}">${escape(view.status)}</dd></dl>
${
  view.open
    ? `<form method="post" action="${action}">
<button type="submit" name="action" value="pay">Pay</button>
<button type="submit" name="action" value="fail">Fail</button>
<button type="submit" name="action" value="cancel">Cancel</button></form>`
    : '<p>This checkout is closed.</p>'
}
</body></html>`;
}

/**
 * Tollgate's own checkout page for test mode (no Stripe key): plain HTML and a form POST, so the
 * SPA's CSP (no inline script or style) holds. The session id is the capability, as a Stripe
 * Checkout URL is. Outside test mode every path here answers 404.
 */
export function testCheckoutRouter(billing: BillingService): express.Router {
  const router = express.Router();
  router.get(`${TEST_CHECKOUT_PATH}.css`, (_req, res) => {
    res.type('text/css').send(STYLE);
  });
  router.get(`${TEST_CHECKOUT_PATH}/:id`, async (req, res, next) => {
    try {
      const view = await billing.testCheckoutView(req.params.id);
      if (!view) return void res.status(404).type('text/plain').send('No such test checkout');
      res.set('cache-control', 'no-store').type('html').send(page(req.params.id, view));
    } catch (err) {
      next(err);
    }
  });
  router.post(`${TEST_CHECKOUT_PATH}/:id`, express.urlencoded({ extended: false, limit: '1kb' }), async (req, res, next) => {
    const action = (req.body as Record<string, unknown> | undefined)?.action;
    if (typeof action !== 'string' || !ACTIONS.includes(action as TestCheckoutAction)) {
      return void res.status(400).type('text/plain').send('action must be pay, fail or cancel');
    }
    try {
      const redirect = await billing.completeAnyTestCheckout(req.params.id, action as TestCheckoutAction);
      res.redirect(303, redirect);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return void res.status(404).type('text/plain').send('No such test checkout');
      next(err);
    }
  });
  return router;
}
