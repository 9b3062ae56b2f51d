// `npm run dev` of the examples: the app's command, with the StripeMeter emulator beside it when
// STRIPEMETER_API_URL points at this machine — on that URL's port, with the demo data whose
// tenant id and API key are in .env.example. Ctrl+C, or either one stopping, stops both.
//
//   node --env-file-if-exists=.env.example --env-file-if-exists=.env ../dev-with-emulator.mjs "<app command>"
import { spawn } from 'node:child_process'

const [appCommand] = process.argv.slice(2)
const apiUrl = new URL(process.env.STRIPEMETER_API_URL ?? 'http://127.0.0.1:3000')
const local = ['127.0.0.1', 'localhost', '[::1]'].includes(apiUrl.hostname)

const children = []
function start(command) {
  // The shell finds the command on the PATH npm gives its scripts (node_modules/.bin first).
  const child = spawn(command, { stdio: 'inherit', shell: true })
  child.on('exit', (code, signal) => stopAll(code ?? (signal ? 1 : 0)))
  children.push(child)
}

let stopping = false
function stopAll(exitCode) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  process.exitCode = exitCode
}

if (local) {
  const host =
    apiUrl.hostname === 'localhost' ? '127.0.0.1' : apiUrl.hostname.replace(/^\[|\]$/g, '')
  start(`stripemeter-emulator --port ${apiUrl.port || '80'} --host ${host} --seed demo`)
}
start(appCommand)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0))
