import { lstatSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { LoadTestError } from './errors.js'

/**
 * Creates `directory` and its missing parents, one level at a time, each level tried once.
 *
 * Not `mkdir(directory, { recursive: true })`: Node's recursive mkdir reads ENOENT as "the
 * parent is missing", creates the parent (EEXIST counts as success) and tries the child again.
 * procfs answers ENOENT to a mkdir of any new child of an existing directory, and so does a
 * dangling symbolic link, so `mkdir('/proc/x', { recursive: true })` spins at 100% CPU forever,
 * its promise never settling (seen with Node 20; the same walk hung Bun, oven-sh/bun#40600).
 * Here the nearest existing ancestor is found first, then each missing level is created once.
 *
 * @param directory absolute, or relative to the current directory.
 * @throws LoadTestError('setup') naming the level that could not be created and why (a file
 *   or dangling link in the way, no permission, a read-only or virtual filesystem).
 */
export function ensureDirectorySync(directory: string): void {
  const target = path.resolve(directory)
  const missing: string[] = []
  let current = target
  for (;;) {
    const found = existingKind(current)
    if (found === 'directory') break
    if (found === 'other') {
      throw cannotCreate(target, `${current} exists and is not a directory`)
    }
    if (found === 'dangling-link') {
      throw cannotCreate(target, `${current} is a symbolic link to something that does not exist`)
    }
    missing.unshift(current)
    const parent = path.dirname(current)
    // The root always exists; this only guards against a platform where it does not.
    if (parent === current) throw cannotCreate(target, `${current} does not exist`)
    current = parent
  }
  for (const level of missing) {
    try {
      mkdirSync(level)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Someone else created it meanwhile: fine, if it is a directory.
      if (code === 'EEXIST' && existingKind(level) === 'directory') continue
      throw cannotCreate(target, `mkdir ${level}: ${explainMkdirError(code, level)}`, error)
    }
  }
}

/** ensureDirectorySync for async callers; mkdir of a few levels takes microseconds. */
export async function ensureDirectory(directory: string): Promise<void> {
  ensureDirectorySync(directory)
}

type ExistingKind = 'directory' | 'other' | 'dangling-link' | 'missing'

function existingKind(candidate: string): ExistingKind {
  try {
    return statSync(candidate).isDirectory() ? 'directory' : 'other'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw cannotCreate(candidate, `cannot look at ${candidate} (${code ?? String(error)})`, error)
    }
  }
  try {
    lstatSync(candidate)
    return 'dangling-link'
  } catch {
    return 'missing'
  }
}

function explainMkdirError(code: string | undefined, level: string): string {
  switch (code) {
    case 'ENOENT':
      return `the filesystem of ${path.dirname(level)} does not allow new directories (a virtual filesystem such as /proc or /sys)`
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`
    case 'EROFS':
      return 'read-only filesystem'
    case 'ENOSPC':
      return 'no space left on the device'
    default:
      return code ?? 'unknown error'
  }
}

function cannotCreate(target: string, reason: string, cause?: unknown): LoadTestError {
  return new LoadTestError('setup', `cannot create directory ${target}: ${reason}`, { cause })
}
