/** What the client does when the page changes state. */
export interface PageLifecycleHooks {
  /** The page is hidden or being left: it may never run again, so send now, with keepalive. */
  leave(): void
  /** The page is visible again: another tab may have closed meanwhile and left events behind. */
  resume(): void
  /** The network is back: send what waited (while offline the client sends nothing). */
  online(): void
}

/** True in a browser page (not Node, not a worker), the only place the lifecycle hooks apply. */
export function isBrowserPage(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined'
}

/**
 * Listens to the events that tell a page may die or lose its network. `visibilitychange` →
 * hidden is the last event mobile browsers reliably fire before they kill a backgrounded tab;
 * `pagehide` covers desktop navigation and closing. Returns the function that removes them.
 */
export function installPageLifecycle(hooks: PageLifecycleHooks): () => void {
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') hooks.leave()
    else hooks.resume()
  }
  const onPageHide = () => hooks.leave()
  const onPageShow = (event: PageTransitionEvent) => {
    // Back from the back/forward cache: the page was frozen, not reloaded, and carries on.
    if (event.persisted) hooks.resume()
  }
  const onOnline = () => hooks.online()

  document.addEventListener('visibilitychange', onVisibilityChange)
  window.addEventListener('pagehide', onPageHide)
  window.addEventListener('pageshow', onPageShow)
  window.addEventListener('online', onOnline)
  return () => {
    document.removeEventListener('visibilitychange', onVisibilityChange)
    window.removeEventListener('pagehide', onPageHide)
    window.removeEventListener('pageshow', onPageShow)
    window.removeEventListener('online', onOnline)
  }
}

/** `navigator.onLine === false` means surely offline; `true` only means "maybe", so we try. */
export function isSurelyOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false
}
