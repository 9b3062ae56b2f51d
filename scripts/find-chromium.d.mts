/** Where Debian, Ubuntu, Fedora and macOS put Chromium or Chrome, the first found wins. */
export declare const usualChromiumPaths: readonly string[]

/**
 * The Chromium the browser tests launch: `CHROMIUM_PATH` when it is set, else the first usual
 * path that exists, else `undefined`.
 */
export declare function findChromium(env?: NodeJS.ProcessEnv): string | undefined
