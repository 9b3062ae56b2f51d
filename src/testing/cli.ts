#!/usr/bin/env node
import { runEmulatorCli } from './runEmulatorCli.js'

runEmulatorCli(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode
  },
  (error: unknown) => {
    process.stderr.write(`stripemeter-emulator: ${String(error)}\n`)
    process.exitCode = 1
  },
)
