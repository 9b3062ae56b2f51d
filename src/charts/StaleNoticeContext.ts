import { createContext } from 'react'

/** Where a widget inside a dashboard reports its stale notice, so the dashboard shows one. */
export interface StaleNoticeReporter {
  /** `notice` undefined: this widget's numbers are current (again). */
  report(widgetId: string, notice: string | undefined): void
}

export const StaleNoticeContext = createContext<StaleNoticeReporter | undefined>(undefined)
