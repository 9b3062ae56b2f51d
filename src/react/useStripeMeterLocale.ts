import { useContext } from 'react'
import { StripeMeterLocaleContext } from './StripeMeterContext.js'

/**
 * The provider's `locale` prop (a BCP 47 tag such as `de-DE`), or `undefined` for the
 * runtime's default. Unlike the other hooks it also works outside a provider, so the
 * presentational widgets can call it.
 */
export function useStripeMeterLocale(): string | undefined {
  return useContext(StripeMeterLocaleContext)
}
