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
  tenantId: requiredEnv('STRIPEMETER_TENANT_ID'),
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

// Your sign-in route sets the session's customer once the credentials check out, e.g.
//   req.session.customerRef = user.stripeCustomerRef
// Never from anything the browser sends: that is the whole point of `identify`.

// The front end: <StripeMeterProvider apiUrl="/api/stripemeter" tenantId="…"> and no key.
app.use(express.static('public'))

const port = Number(process.env.PORT ?? 3000)
app.listen(port, () => {
  console.log(`Listening on http://localhost:${port}; StripeMeter at /api/stripemeter`)
})
