import type { DatabaseSync } from 'node:sqlite'
import type { Budget, BudgetStore } from 'stripemeter/server'

/**
 * Customers' budgets in SQLite (`node:sqlite`, built into Node ≥ 22.13): one row per customer,
 * written only with budgets the handler has already validated. Swap in your own database the
 * same way: `get` and `set` are all the handler needs.
 */
export function sqliteBudgetStore(db: DatabaseSync): BudgetStore {
  db.exec(`CREATE TABLE IF NOT EXISTS stripemeter_budgets (
    customer_ref TEXT PRIMARY KEY,
    amount REAL NOT NULL,
    currency TEXT NOT NULL,
    thresholds TEXT NOT NULL,
    mode TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`)
  const select = db.prepare(
    'SELECT amount, currency, thresholds, mode FROM stripemeter_budgets WHERE customer_ref = ?',
  )
  const upsert = db.prepare(`INSERT INTO stripemeter_budgets
      (customer_ref, amount, currency, thresholds, mode, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (customer_ref) DO UPDATE SET amount = excluded.amount, currency = excluded.currency,
      thresholds = excluded.thresholds, mode = excluded.mode, updated_at = excluded.updated_at`)
  const remove = db.prepare('DELETE FROM stripemeter_budgets WHERE customer_ref = ?')

  return {
    get(customerRef) {
      const row = select.get(customerRef) as
        | { amount: number; currency: string; thresholds: string; mode: Budget['mode'] }
        | undefined
      if (row === undefined) return null
      return {
        amount: row.amount,
        currency: row.currency,
        thresholds: JSON.parse(row.thresholds) as number[],
        mode: row.mode,
      }
    },
    set(customerRef, budget) {
      if (budget === null) {
        remove.run(customerRef)
        return
      }
      const { amount, currency, thresholds, mode } = budget
      upsert.run(
        customerRef,
        amount,
        currency,
        JSON.stringify(thresholds),
        mode,
        new Date().toISOString(),
      )
    },
  }
}
