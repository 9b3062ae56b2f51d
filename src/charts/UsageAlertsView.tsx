import type { BudgetAlert } from '../core/budgetAlerts.js'
import type { AlertSeverity, UsageAlert } from '../core/types.js'
import { StrokeIcon } from './StrokeIcon.js'
import { useWidgetText, type WidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageAlertsViewProps extends WidgetProps {
  /** The alerts of `GET /v1/usage/current`. Undefined (and not loading) shows the empty state. */
  data: readonly UsageAlert[] | undefined
  /**
   * The customer's own budget alerts (`budgetAlerts(budget, status)`), worded from the catalog
   * and listed with the server's by severity. `<UsageAlerts budget>` fills them in.
   * @default undefined (none)
   */
  budgetAlerts?: readonly BudgetAlert[] | undefined
  /** @default the catalog's `alertsTitle` ('Alerts') */
  title?: string
}

const severityOrder: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 }
/** A different shape per severity, and the severity in words: never colour alone. */
const severityIcons: Record<AlertSeverity, string> = {
  critical: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M5.5 5.5l5 5 M10.5 5.5l-5 5',
  warning: 'M8 2l6.5 12h-13z M8 6.5v3.5 M8 12v.01',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M8 7.5v4 M8 4.75v.01',
}

/**
 * The server's alerts and the customer's budget alerts, most severe first (budget alerts
 * before the server's of the same severity), from data you pass in. The server writes its
 * alerts' text; budget alerts are worded from the catalog.
 */
export function UsageAlertsView({
  data,
  budgetAlerts,
  title,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: UsageAlertsViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const alerts = [
    ...(budgetAlerts ?? []).map((alert) => ({
      severity: alert.severity,
      message: budgetAlertText(alert, text),
    })),
    ...(data ?? []),
  ].sort((a, b) => (severityOrder[a.severity] ?? 3) - (severityOrder[b.severity] ?? 3))
  return (
    <Widget
      kind="alerts"
      title={title ?? text.messages.alertsTitle}
      text={text}
      empty={alerts.length === 0}
      emptyText={text.messages.emptyAlerts}
      skeletonRows={2}
      {...rest}
    >
      <ul className="sm-alert-list">
        {alerts.map((alert, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: alerts carry no id; the list is rebuilt with the data
            key={index}
            className="sm-alert"
            data-sm-severity={alert.severity}
          >
            <StrokeIcon path={severityIcons[alert.severity] ?? severityIcons.info} sizePx={16} />
            <p>
              <strong className="sm-alert-severity">
                {text.messages.severities[alert.severity] ?? alert.severity}:
              </strong>{' '}
              {alert.message}
            </p>
          </li>
        ))}
      </ul>
    </Widget>
  )
}

function budgetAlertText(alert: BudgetAlert, { format, messages }: WidgetText) {
  const money = (amount: number) => format.currency(amount, alert.currency)
  if (alert.kind === 'forecast') {
    return messages.budgetForecastOver(money(alert.forecast), money(alert.amount))
  }
  return alert.spent >= alert.amount
    ? messages.budgetReached(money(alert.amount), money(alert.spent))
    : messages.budgetUsed(format.percent(alert.threshold / 100), money(alert.amount))
}
