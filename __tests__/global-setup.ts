import path from 'node:path'
import { resolveVegeta } from '../src/tools/vegeta.js'
import { defaultToolsDir } from '../src/package-root.js'

/**
 * Tests use real vegeta. Find or install it once, the way the engine does (PATH, the tools
 * dir, else go install), and hand it to every test file through VEGETA_BIN and PATH.
 */
export default async function setup(): Promise<void> {
  if (process.env.VEGETA_BIN) return
  const vegeta = await resolveVegeta(
    { version: '12.13.0' },
    { toolsDir: defaultToolsDir(), log: (line) => console.log(`[global setup] ${line}`) }
  )
  process.env.VEGETA_BIN = vegeta.path
  process.env.PATH = `${path.dirname(vegeta.path)}${path.delimiter}${process.env.PATH ?? ''}`
}
