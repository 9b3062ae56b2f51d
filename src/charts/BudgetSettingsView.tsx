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
  /** @default the catalog's `budgetTitle` ('Budget') */
  title?: string
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
  title,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: BudgetSettingsViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const { format: formatters, messages: words } = text
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
    void save(check.budget, words.budgetSaved)
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
    <Widget kind="budget" title={title ?? words.budgetTitle} text={text} skeletonRows={3} {...rest}>
      <form className="sm-budget-form" onSubmit={submit} noValidate>
        <p className="sm-subtitle">
          {data
            ? words.budgetCurrent(formatters.currency(data.amount, data.currency))
            : words.budgetNone}
        </p>
        <div className="sm-field">
          <label htmlFor={`${id}-amount`}>{words.budgetAmount(currency)}</label>
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
          <label htmlFor={`${id}-thresholds`}>{words.budgetThresholds}</label>
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
            {words.budgetThresholdsHint}
          </p>
          {errorFor('thresholds')}
        </div>
        <fieldset className="sm-field" {...fieldProps('mode')}>
          <legend>{words.budgetModeLegend}</legend>
          {budgetModes.map((option) => (
            <label key={option} className="sm-radio">
              <input
                type="radio"
                name={`${id}-mode`}
                value={option}
                checked={modeValue === option}
                onChange={() => setMode(option)}
              />{' '}
              <span>{words.budgetModes[option].label}</span>{' '}
              <span className="sm-field-hint">{words.budgetModes[option].hint}</span>
            </label>
          ))}
          {errorFor('mode')}
        </fieldset>
        {errorFor('form')}
        <p className="sm-budget-actions">
          <button type="submit" className="sm-button" disabled={saving || !currency}>
            {words.budgetSave}
          </button>
          {data && (
            <button
              type="button"
              className="sm-button"
              disabled={saving}
              onClick={() => void save(null, words.budgetRemoved)}
            >
              {words.budgetRemove}
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
