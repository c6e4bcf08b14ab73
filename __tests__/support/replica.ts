import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** examples/bifrost-like: the replica of bifrost's layout the tests and benchmarks build. */
export const REPLICA_DIR = path.resolve(import.meta.dirname, '../../examples/bifrost-like')

/** What building the replica by hand leaves in it (its .gitignore lists them): never copied. */
const BUILD_LEFTOVERS = ['go.work', 'go.work.sum', 'tmp', 'transports/bifrost-http/ui']

/** Copies the replica to `destination` as a clean checkout of it would be. */
export function copyReplica(destination: string): void {
  cpSync(REPLICA_DIR, destination, {
    recursive: true,
    filter: (source) => !BUILD_LEFTOVERS.includes(path.relative(REPLICA_DIR, source))
  })
}

/**
 * Compiles `addedUs` microseconds into core's request path in a copy of the replica (the
 * `addedLatency` constant of core/bifrost.go), so that only a build of that copy's own
 * core/ adds it. Throws an Error when core/bifrost.go no longer has the constant.
 */
export function setCoreAddedLatency(dir: string, addedUs: number): void {
  const file = path.join(dir, 'core', 'bifrost.go')
  const source = readFileSync(file, 'utf8')
  const constant = 'const addedLatency = 0 * time.Millisecond'
  if (!source.includes(constant)) throw new Error(`${file} no longer has "${constant}"`)
  writeFileSync(
    file,
    source.replace(constant, `const addedLatency = ${addedUs} * time.Microsecond`)
  )
}
