import { DatabaseSync } from 'node:sqlite'
import express from 'express'
import session from 'express-session'
import { createStripeMeterHandler, getNodeRequest, toNodeHandler } from 'stripemeter/server'
import { sqliteBudgetStore } from './sqliteBudgetStore.js'

declare module 'express-session' {
  interface SessionData {
    /** Set at sign-in: the StripeMeter customer this user's usage belongs to. */
    customerRef: string
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`Set ${name} (see .env.example)`)
  return value
}

const tenantId = requiredEnv('STRIPEMETER_TENANT_ID')
const app = express()
app.use(
  session({
    secret: requiredEnv('SESSION_SECRET'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' },
  }),
)

/**
 * The browser's only way to StripeMeter: the key stays in this process, and every read and
 * every event is forced to the customer of the Express session.
 */
const stripeMeter = createStripeMeterHandler({
  apiUrl: requiredEnv('STRIPEMETER_API_URL'),
  apiKey: requiredEnv('STRIPEMETER_API_KEY'),
  tenantId,
  // The handler sees a Fetch Request; getNodeRequest gives back Express's `req`, session loaded.
  identify: (request) => {
    const req = getNodeRequest(request) as express.Request | undefined
    return req?.session.customerRef ?? null
  },
  allowMetrics: ['api_calls', 'ai_tokens'],
  limits: { eventsPerRequest: 100, eventsPerMinute: 600 },
  // Customers' own budgets (<BudgetSettings>, useBudget) at /api/stripemeter/v1/budget.
  budgets: sqliteBudgetStore(new DatabaseSync(process.env.BUDGETS_DB ?? 'budgets.sqlite')),
})

// Mounted before any body parser, so the body streams straight through (an `express.json()`
// mounted earlier also works: the adapter then uses the parsed `req.body`). A failure in
// `identify` reaches Express's error handler through `next`.
app.use('/api/stripemeter', toNodeHandler(stripeMeter))

/** The customers the emulator's demo data has, one per state the widgets draw. */
const demoCustomers = {
  cus_steady: 'Steady (inside every limit)',
  cus_near_limit: 'Near its API limit',
  cus_over_limit: 'Over its API limit',
  cus_new: 'New (no usage yet)',
}

// A development-only sign-in as one of the demo customers. Your real sign-in checks the
// credentials against your user store, then sets the customer from your records, e.g.
//   req.session.customerRef = user.stripeCustomerRef
// Never from anything the browser sends: that is the whole point of `identify`.
app.get('/login', (_req, res) => {
  const options = Object.entries(demoCustomers)
    .map(([customerRef, label]) => `<option value="${customerRef}">${label}</option>`)
    .join('')
  res.send(
    page(
      'Sign in',
      `<main><h1>Sign in</h1><form method="post" action="/login">
        <label>Demo customer <select name="customerRef">${options}</select></label>
        <button type="submit">Sign in</button></form></main>`,
    ),
  )
})
app.post('/login', express.urlencoded({ extended: false }), (req, res) => {
  if (process.env.NODE_ENV === 'production')
    throw new Error('The demo sign-in is for development only')
  const customerRef = String(req.body?.customerRef)
  if (!(customerRef in demoCustomers)) {
    res.status(400).send(`Unknown demo customer ${customerRef}`)
    return
  }
  req.session.customerRef = customerRef
  res.redirect('/')
})

// The dashboard: client.tsx (built to public/assets by `npm run build`) renders
// <StripeMeterProvider options={{ apiUrl: '/api/stripemeter', tenantId }}> — with no key — into #root.
app.get('/', (req, res) => {
  const customerRef = req.session.customerRef
  if (customerRef === undefined) {
    res.redirect('/login')
    return
  }
  res.send(
    page(
      'Usage',
      `<div id="root" data-customer-ref="${customerRef}" data-tenant-id="${tenantId}"></div>
      <script type="module" src="/assets/client.js"></script>`,
    ),
  )
})
app.use(express.static('public'))

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title} · Example app</title><link rel="stylesheet" href="/assets/client.css">
    </head><body>${body}</body></html>`
}

const port = Number(process.env.PORT ?? 3001)
app.listen(port, () => {
  console.log(`Example app on http://localhost:${port} (StripeMeter at /api/stripemeter)`)
})
