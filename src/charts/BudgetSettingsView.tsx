import { type FormEvent, useId, useState } from 'react'
import {
  type Budget,
  type BudgetInput,
  type BudgetIssue,
  type BudgetMode,
  budgetModes,
  checkBudget,
  defaultBudgetThresholds,
} from '../core/Budget.js'
import { budgetIssueOf } from '../core/budgetRequests.js'
import { ErrorDetail } from './ErrorDetail.js'
import type { Formatters } from './format.js'
import type { WidgetMessages } from './messages/WidgetMessages.js'
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
 * What is wrong, kept as the checker's typed issue with the value as the customer typed it, so
 * it is worded from the catalog when shown; `message` only for a failure that is no refusal.
 */
type Problem =
  | { field: FieldName; issue: BudgetIssue; entered: string }
  | { field: 'form'; failure: unknown }

/**
 * The customer's own budget as an accessible form: the amount in the billing currency, the
 * alert thresholds (% of the amount) and the mode. Checked with the core's `checkBudget` before
 * saving; a refusal (the checker's or the backend's, by its typed reason) is worded from the
 * catalog quoting the value typed, and its field is marked `aria-invalid` and described by it.
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
  const [problem, setProblem] = useState<Problem | undefined>()
  const [saved, setSaved] = useState('')
  const [saving, setSaving] = useState(false)
  // Until edited, the fields show the stored budget (or the defaults).
  const amountText = amount ?? (data ? String(data.amount) : '')
  const thresholdsText = thresholds ?? (data?.thresholds ?? defaultBudgetThresholds).join(', ')
  const modeValue = mode ?? data?.mode ?? 'notify'

  const thresholdParts = thresholdsText.split(/[,\s]+/).filter(Boolean)
  /** A refusal with the value as typed: the amount's text, or the threshold at its index. */
  const refusal = (issue: BudgetIssue): Problem => {
    const field = fieldOf(issue.field)
    const index = /^thresholds\[(\d+)\]$/.exec(issue.field)?.[1]
    const typed =
      field === 'amount' && issue.reason === 'amount_not_positive'
        ? amountText.trim()
        : index === undefined
          ? undefined
          : thresholdParts[Number(index)]
    return { field, issue, entered: typed ?? shownValue(issue.value, formatters) }
  }

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
      const issue = budgetIssueOf(error)
      setProblem(
        issue
          ? refusal(issue)
          : // No refusal: the network or the server. Nothing to fix in the form.
            { field: 'form', failure: error },
      )
    } finally {
      setSaving(false)
    }
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = {
      amount: amountText.trim() === '' ? Number.NaN : Number(amountText),
      currency: currency ?? '',
      thresholds: thresholdParts.map((part) => Number(part.replace(/%$/, ''))),
      mode: modeValue,
    }
    const check = checkBudget(input, currency)
    if (!check.ok) {
      setSaved('')
      setProblem(refusal(check.issue))
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
      // A failed save comes after the click, so it is announced; a field's refusal is read
      // with its field (aria-describedby).
      <div
        id={`${id}-${field}-error`}
        className="sm-field-error"
        role={field === 'form' ? 'alert' : undefined}
      >
        <p>{problemText(problem, words, formatters)}</p>
        {'failure' in problem && <ErrorDetail error={problem.failure} text={text} />}
      </div>
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

/** The form field an issue is about (`thresholds[1]` → thresholds; the currency is the amount's). */
function fieldOf(issueField: string): FieldName {
  const match = /^(amount|thresholds|mode|currency)\b/.exec(issueField)
  if (match?.[1] === 'currency') return 'amount'
  return (match?.[1] as FieldName | undefined) ?? 'form'
}

function problemText(problem: Problem, words: WidgetMessages, format: Formatters) {
  if ('failure' in problem) return words.budgetSaveFailed
  const { expected } = problem.issue
  return words.budgetRefusals[problem.issue.reason](
    problem.entered,
    expected === undefined ? '' : shownValue(expected, format),
  )
}

/** A value from the checker or the backend, in the locale's digits where it is a number. */
function shownValue(value: unknown, format: Formatters) {
  if (typeof value === 'number') return format.exactQuantity(value)
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
}
