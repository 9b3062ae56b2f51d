import { useStripeMeterLocale } from '../react/useStripeMeterLocale.js'
import { type Formatters, getFormatters } from './format.js'

/** Formatters for the `locale` prop, else the provider's `locale`, else the runtime's default. */
export function useFormatters(locale: string | undefined): Formatters {
  const providerLocale = useStripeMeterLocale()
  return getFormatters(locale ?? providerLocale)
}
