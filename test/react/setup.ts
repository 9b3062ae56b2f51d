/**
 * Setup of the `react` project. These tests drive real requests to an emulator on loopback, so
 * `waitFor` waits for a round trip and a render: well under its default second on a quiet
 * machine, over it when the two cores also run the browser projects (CI once failed a live-cost
 * test "still loading" at 1 s). A wait ends as soon as its assertion holds; the longer limit only
 * decides when a real failure is reported.
 */
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

configure({ asyncUtilTimeout: 5_000 })

// Testing Library unmounts after each test only where `afterEach` is a global; vitest's is not.
// The files share one jsdom (`isolate: false`), so what a test rendered must not stay mounted.
afterEach(cleanup)
