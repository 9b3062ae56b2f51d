import { de } from './de.js'
import { en } from './en.js'
import { es } from './es.js'
import { fr } from './fr.js'
import { ja } from './ja.js'
import type { WidgetMessages } from './WidgetMessages.js'

const catalogs: Record<string, WidgetMessages> = { en, de, fr, es, ja }

/**
 * The built-in catalog for a BCP 47 locale by its language (`de-AT` → `de`); English for any
 * other language, which an app completes with the `messages` prop.
 */
export function builtInMessages(locale: string | undefined): WidgetMessages {
  const tag = language(locale)
  return tag !== undefined && Object.hasOwn(catalogs, tag) ? (catalogs[tag] ?? en) : en
}

/** Whether the locale's language has a built-in catalog (else its words are English). */
export function hasBuiltInMessages(locale: string | undefined): boolean {
  const tag = language(locale)
  return tag !== undefined && Object.hasOwn(catalogs, tag)
}

function language(locale: string | undefined) {
  try {
    const tag = locale ?? new Intl.NumberFormat().resolvedOptions().locale
    return new Intl.Locale(tag).language
  } catch {
    // An unparseable tag: Intl's formatters fall back the same way.
    return undefined
  }
}
