import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

// This folder is the app's root, although the repository around it has a lockfile of its own.
const appRoot = fileURLToPath(new URL('.', import.meta.url))

const nextConfig: NextConfig = {
  outputFileTracingRoot: appRoot,
  turbopack: { root: appRoot },
}

export default nextConfig
