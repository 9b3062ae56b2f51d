import { type FormEvent, useId, useState } from 'react'
import {
  type Budget,
  type BudgetInput,
  type BudgetMode,
  budgetModes,
  checkBudget,
  defaultBudgetThresholds,
} from '../core/Budget.js'
import { useWidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface BudgetSettingsViewProps extends WidgetProps {
  /** The customer's budget: `null` when none is set. Undefined (and not loading) shows a blank form. */
  data: Budget | null | undefined
  /** The currency the customer is billed in (the projection's): the budget's currency. */
  currency: string | undefined
  /** Saves a checked budget, or removes it with `null`; a rejection is shown on the form. */
  onSave: (budget: BudgetInput | null) => Promise<unknown>
  /** @default 'Budget' */
  title?: string
}

const modeLabels: Record<BudgetMode, { label: string; hint: string }> = {
  notify: { label: 'Notify me', hint: 'Alerts only; nothing is blocked.' },
  soft: { label: 'Warn', hint: 'Alerts, and features that check the budget warn.' },
  hard: { label: 'Stop', hint: 'Features that check the budget stop once it is spent.' },
}

type FieldName = 'amount' | 'thresholds' | 'mode' | 'form'

/**
 * The customer's own budget as an accessible form: the amount in the billing currency, the
 * alert thresholds (% of the amount) and the mode. Checked with the core's `checkBudget` before
 * saving; the message names the field, which is marked `aria-invalid` and described by it.
 * Usage is never refused because of a budget: it warns and gates features.
 */
export function BudgetSettingsView({
  data,
  currency,
  onSave,
  title = 'Budget',
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: BudgetSettingsViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const formatters = text.format
  const id = useId()
  const [amount, setAmount] = useState<string | undefined>(undefined)
  const [thresholds, setThresholds] = useState<string | undefined>(undefined)
  const [mode, setMode] = useState<BudgetMode | undefined>(undefined)
  const [problem, setProblem] = useState<{ field: FieldName; message: string } | undefined>()
  const [saved, setSaved] = useState('')
  const [saving, setSaving] = useState(false)
  // Until edited, the fields show the stored budget (or the defaults).
  const amountText = amount ?? (data ? String(data.amount) : '')
  const thresholdsText = thresholds ?? (data?.thresholds ?? defaultBudgetThresholds).join(', ')
  const modeValue = mode ?? data?.mode ?? 'notify'

  const save = async (budget: BudgetInput | null, done: string) => {
    setSaving(true)
    setSaved('')
    try {
      await onSave(budget)
      setProblem(undefined)
      setSaved(done)
      setAmount(undefined)
      setThresholds(undefined)
      setMode(undefined)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      setProblem({ field: fieldOfMessage(message), message })
    } finally {
      setSaving(false)
    }
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = {
      amount: amountText.trim() === '' ? Number.NaN : Number(amountText),
      currency: currency ?? '',
      thresholds: thresholdsText
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((part) => Number(part.replace(/%$/, ''))),
      mode: modeValue,
    }
    const check = checkBudget(input, currency)
    if (!check.ok) {
      setSaved('')
      setProblem({ field: fieldOfMessage(check.issue.field), message: check.issue.message })
      return
    }
    void save(check.budget, 'Budget saved.')
  }

  const fieldProps = (field: FieldName) =>
    problem?.field === field
      ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` }
      : {}
  const errorFor = (field: FieldName) =>
    problem?.field === field ? (
      <p id={`${id}-${field}-error`} className="sm-field-error">
        {problem.message}
      </p>
    ) : null

  return (
    <Widget kind="budget" title={title} text={text} skeletonRows={3} {...rest}>
      <form className="sm-budget-form" onSubmit={submit} noValidate>
        <p className="sm-subtitle">
          {data
            ? `Your budget: ${formatters.currency(data.amount, data.currency)} this period.`
            : 'No budget set. Usage is never blocked by a budget unless you choose “Stop”.'}
        </p>
        <div className="sm-field">
          <label htmlFor={`${id}-amount`}>Amount{currency ? ` (${currency})` : ''}</label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(event) => setAmount(event.target.value)}
            {...fieldProps('amount')}
          />
          {errorFor('amount')}
        </div>
        <div className="sm-field">
          <label htmlFor={`${id}-thresholds`}>Alert at (% of the amount)</label>
          <input
            id={`${id}-thresholds`}
            name="thresholds"
            autoComplete="off"
            aria-describedby={problem?.field === 'thresholds' ? undefined : `${id}-thresholds-hint`}
            value={thresholdsText}
            onChange={(event) => setThresholds(event.target.value)}
            {...fieldProps('thresholds')}
          />
          <p id={`${id}-thresholds-hint`} className="sm-field-hint">
            Percentages from 1 to 100, ascending, e.g. 50, 80, 100.
          </p>
          {errorFor('thresholds')}
        </div>
        <fieldset className="sm-field" {...fieldProps('mode')}>
          <legend>When the budget is reached</legend>
          {budgetModes.map((option) => (
            <label key={option} className="sm-radio">
              <input
                type="radio"
                name={`${id}-mode`}
                value={option}
                checked={modeValue === option}
                onChange={() => setMode(option)}
              />{' '}
              <span>{modeLabels[option].label}</span>{' '}
              <span className="sm-field-hint">{modeLabels[option].hint}</span>
            </label>
          ))}
          {errorFor('mode')}
        </fieldset>
        {errorFor('form')}
        <p className="sm-budget-actions">
          <button type="submit" className="sm-button" disabled={saving || !currency}>
            Save budget
          </button>
          {data && (
            <button
              type="button"
              className="sm-button"
              disabled={saving}
              onClick={() => void save(null, 'Budget removed.')}
            >
              Remove budget
            </button>
          )}
        </p>
        <p role="status" className="sm-budget-saved">
          {saved}
        </p>
      </form>
    </Widget>
  )
}

/** The form field a checker's or the backend's message is about (`thresholds[1] must…`). */
function fieldOfMessage(text: string): FieldName {
  const match = /^(?:budget\.)?(amount|thresholds|mode|currency)\b/.exec(text)
  if (match?.[1] === 'currency') return 'amount'
  return (match?.[1] as FieldName | undefined) ?? 'form'
}
