import { useContext } from 'react'
import { StripeMeterMessagesContext } from '../react/StripeMeterMessagesContext.js'
import { useStripeMeterLocale } from '../react/useStripeMeterLocale.js'
import { type Formatters, getFormatters } from './format.js'
import { builtInMessages, hasBuiltInMessages } from './messages/builtInMessages.js'
import type { WidgetMessageOverrides, WidgetMessages } from './messages/WidgetMessages.js'
import { metricLabel } from './metricLabel.js'

/** The props through which an app names things and words: on every widget and the provider. */
export interface WidgetTextProps {
  /** BCP 47 locale for words, numbers, currencies and dates. @default the provider's `locale`, else the browser's */
  locale?: string
  /** Words that replace the catalog's for this widget. @default undefined (the provider's, else the built-in catalog) */
  messages?: WidgetMessageOverrides
  /** Display names by metric (`{ api_calls: 'Requests' }`). @default the metric's name in words (`api_calls` → `API calls`) */
  metricLabels?: Readonly<Record<string, string>>
  /**
   * Units by metric (`{ api_calls: 'calls' }`), shown after quantities. Without one, the
   * server's unit is shown, except the real server's generic `"unit"` (and an empty one).
   * @default undefined (the server's units)
   */
  units?: Readonly<Record<string, string>>
}

/** What a widget writes with: the locale's formatters, its words and metric names and units. */
export interface WidgetText {
  /** The language of the words (`lang`): the locale's, or English where it has no catalog. */
  locale: string | undefined
  format: Formatters
  messages: WidgetMessages
  /** Right-to-left locales (Arabic, Hebrew …) lay the widget out mirrored. */
  dir: 'rtl' | undefined
  label(metric: string): string
  /** The unit to print after a metric's quantities, or undefined for none. */
  unit(metric: string, serverUnit: string | undefined): string | undefined
}

/** The server's placeholder unit: printing "7,650 unit" tells the customer nothing. */
const GENERIC_UNITS = new Set(['', 'unit', 'units'])

/** The text props as a view holds them after destructuring: each possibly `undefined`. */
type WidgetTextInput = { [Key in keyof WidgetTextProps]?: WidgetTextProps[Key] | undefined }

export function useWidgetText({
  locale,
  messages,
  metricLabels,
  units,
}: WidgetTextInput): WidgetText {
  const providerLocale = useStripeMeterLocale()
  const providerMessages = useContext(StripeMeterMessagesContext)
  const resolvedLocale = locale ?? providerLocale
  // A language without a built-in catalog, and no words from the app: the words are English,
  // and so are relative times, month names and the direction — numbers keep the locale's digits.
  const appWords = hasKeys(providerMessages) || hasKeys(messages)
  const wordsLocale =
    appWords || hasBuiltInMessages(resolvedLocale)
      ? resolvedLocale
      : englishWithDigitsOf(resolvedLocale)
  return {
    locale: wordsLocale,
    format: getFormatters(resolvedLocale, wordsLocale),
    messages: { ...builtInMessages(resolvedLocale), ...providerMessages, ...messages },
    dir: isRightToLeft(wordsLocale) ? 'rtl' : undefined,
    label: (metric) => metricLabels?.[metric] ?? metricLabel(metric),
    unit: (metric, serverUnit) => {
      const named = units?.[metric]
      if (named !== undefined) return named || undefined
      return serverUnit === undefined || GENERIC_UNITS.has(serverUnit.trim().toLowerCase())
        ? undefined
        : serverUnit
    },
  }
}

function hasKeys(messages: WidgetMessageOverrides | undefined) {
  return messages !== undefined && Object.keys(messages).length > 0
}

/** English, written with the locale's digits (`ar-EG` → `en-u-nu-arab`: "٤٥ seconds ago"). */
function englishWithDigitsOf(locale: string | undefined) {
  try {
    const { numberingSystem } = new Intl.NumberFormat(locale).resolvedOptions()
    return numberingSystem === 'latn' ? 'en' : `en-u-nu-${numberingSystem}`
  } catch {
    return 'en'
  }
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb'])

function isRightToLeft(locale: string | undefined) {
  if (!locale) return false
  try {
    return RTL_LANGUAGES.has(new Intl.Locale(locale).language)
  } catch {
    return false
  }
}
