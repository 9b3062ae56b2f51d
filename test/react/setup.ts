/**
 * Setup of the `react` project. These tests drive real requests to an emulator on loopback, so
 * `waitFor` waits for a round trip and a render: well under its default second on a quiet
 * machine, over it when the two cores also run the browser projects (CI once failed a live-cost
 * test "still loading" at 1 s). A wait ends as soon as its assertion holds; the longer limit only
 * decides when a real failure is reported.
 */
import { configure } from '@testing-library/react'

configure({ asyncUtilTimeout: 5_000 })
