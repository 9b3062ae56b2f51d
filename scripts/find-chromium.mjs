// Where the browser tests find Chromium. Plain JavaScript with Node built-ins only: the `pretest`
// check imports it under the system Node, before `npm ci` has brought the project's Node 24.
import { existsSync } from 'node:fs'

/** Where Debian, Ubuntu, Fedora and macOS put Chromium or Chrome, the first found wins. */
export const usualChromiumPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]

/**
 * The Chromium the browser tests launch: `CHROMIUM_PATH` when it is set (even if the file is
 * missing, so a typo is reported rather than silently replaced), else the first usual path that
 * exists, else `undefined`.
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH
  return usualChromiumPaths.find((path) => existsSync(path))
}
