import { accessSync, constants, lstatSync, realpathSync, statSync, statfsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * Checks that a path input allows the access the run will need, before anything starts. Each
 * function returns a problem sentence in resolveConfig's style ("NAME: got "…", which …;
 * expected …."), or undefined when the path is fine. Nothing is created or changed, and no call
 * here can loop (see ensure-directory.ts for why Node's recursive mkdir can).
 */

/**
 * Directories that must never receive the run's output: the results directory is cleared of
 * earlier results and uploaded whole as an artifact, the tools directory is pruned. Rejected
 * when equal to the output directory (their subdirectories are fine, except in VIRTUAL_TREES).
 */
const SYSTEM_DIRECTORIES = [
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/media',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/lib',
  '/usr/local',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/share',
  '/var',
  '/var/lib',
  '/var/tmp',
  // macOS
  '/Applications',
  '/Library',
  '/System',
  '/Users',
  '/Volumes',
  '/private',
  '/private/tmp',
  '/private/var'
]

/** Kernel interfaces, not storage: nothing of ours belongs anywhere inside them. */
const VIRTUAL_TREES = ['/proc', '/sys', '/dev']
/** Real storage under /dev (a tmpfs). */
const STORAGE_UNDER_DEV = ['/dev/shm']

/**
 * statfs(2) f_type of filesystems where a directory cannot hold our files: mkdir fails there
 * (proc answers ENOENT), or creates a kernel object instead (cgroup, configfs). Values from
 * Linux's include/uapi/linux/magic.h. Caught by type so that /proc mounted elsewhere (a
 * container's /host/proc) is refused too, even to root, whom access(2) lets write anywhere.
 */
const VIRTUAL_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs']
])

export interface OutputDirectoryContext {
  /** The workspace root (GITHUB_WORKSPACE in the action, the current directory in the CLI). */
  workspaceRoot: string
  /** Extra directories to refuse as such; defaults to the home and temporary directories. */
  sharedDirectories?: string[]
}

/**
 * A directory the run writes into (results-dir, tools-dir): it must not be the workspace
 * root, a parent of it, or a system or shared directory (it is cleared, pruned and uploaded),
 * must not lie inside /proc, /sys or /dev; and it must exist as a writable directory, or its
 * nearest existing ancestor must be a writable directory on a filesystem that stores files.
 *
 * @param name the option's name, for the message.
 * @param directory an absolute path.
 */
export function outputDirectoryProblem(
  name: string,
  directory: string,
  context: OutputDirectoryContext
): string | undefined {
  const got = `got ${JSON.stringify(directory)}`
  const expected = 'expected a directory of its own that can be created and written'

  const nearest = nearestExisting(directory)
  if (nearest.problem !== undefined) return `${name}: ${got}, but ${nearest.problem}; ${expected}.`
  // The same rules for the path as written and as symbolic links resolve it.
  const realDirectory = path.join(safeRealpath(nearest.existing), ...nearest.missing)
  for (const candidate of new Set([directory, realDirectory])) {
    const placeProblem = forbiddenPlace(candidate, context)
    if (placeProblem !== undefined) {
      const shown = candidate === directory ? '' : ` (${candidate} once links are resolved)`
      return `${name}: ${got}${shown}, which ${placeProblem}; ${expected}.`
    }
  }

  const filesystem = virtualFilesystemOf(nearest.existing)
  if (filesystem !== undefined) {
    return `${name}: ${got}, which is on a ${filesystem} filesystem (${nearest.existing}), where nothing can be stored; ${expected}.`
  }
  const access = accessProblem(nearest.existing, constants.W_OK | constants.X_OK)
  if (access !== undefined) {
    const what =
      nearest.missing.length === 0
        ? `this directory is not writable (${access})`
        : `it does not exist and cannot be created: its nearest existing parent ${nearest.existing} is not writable (${access})`
    return `${name}: ${got}, but ${what}; ${expected}.`
  }
  return undefined
}

/** A program the run starts (gateway-binary, mocker-binary, vegeta-path). */
export function executableFileProblem(name: string, file: string): string | undefined {
  const got = `got ${JSON.stringify(file)}`
  const expected = 'expected an executable file'
  const kind = kindOf(file)
  if (kind !== 'file') return `${name}: ${got}, which ${describeKind(kind)}; ${expected}.`
  const access = accessProblem(file, constants.X_OK)
  if (access !== undefined) {
    return `${name}: ${got}, which is not executable (${access}; chmod +x it); ${expected}.`
  }
  return undefined
}

/** A directory the run reads (bifrost-path, mocker-path). */
export function readableDirectoryProblem(name: string, directory: string): string | undefined {
  const got = `got ${JSON.stringify(directory)}`
  const expected = 'expected a readable directory'
  const kind = kindOf(directory)
  if (kind !== 'directory') return `${name}: ${got}, which ${describeKind(kind)}; ${expected}.`
  const access = accessProblem(directory, constants.R_OK | constants.X_OK)
  if (access !== undefined)
    return `${name}: ${got}, which is not readable (${access}); ${expected}.`
  return undefined
}

/**
 * A file the run reads whole (a JSON config file). Only a regular file: reading a FIFO or
 * /dev/stdin would wait forever, /dev/zero would never end.
 */
export function readableFileProblem(name: string, file: string): string | undefined {
  const got = `got ${JSON.stringify(file)}`
  const expected = 'expected a readable regular file'
  const kind = kindOf(file)
  if (kind !== 'file') return `${name}: ${got}, which ${describeKind(kind)}; ${expected}.`
  const access = accessProblem(file, constants.R_OK)
  if (access !== undefined)
    return `${name}: ${got}, which is not readable (${access}); ${expected}.`
  return undefined
}

type PathKind = 'file' | 'directory' | 'other' | 'missing' | 'dangling-link' | 'unreachable'

function kindOf(candidate: string): PathKind {
  try {
    const found = statSync(candidate)
    if (found.isFile()) return 'file'
    return found.isDirectory() ? 'directory' : 'other'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return 'unreachable'
  }
  try {
    lstatSync(candidate)
    return 'dangling-link'
  } catch {
    return 'missing'
  }
}

function describeKind(kind: PathKind): string {
  switch (kind) {
    case 'file':
      return 'is a file'
    case 'directory':
      return 'is a directory'
    case 'other':
      return 'is neither a regular file nor a directory (a device, FIFO or socket)'
    case 'missing':
      return 'does not exist'
    case 'dangling-link':
      return 'is a symbolic link to something that does not exist'
    case 'unreachable':
      return 'cannot be looked at (a parent directory is not searchable)'
  }
}

interface NearestExisting {
  /** The nearest existing directory: the path itself or an ancestor. */
  existing: string
  /** The levels below it still to create, outermost first. */
  missing: string[]
  problem?: string
}

function nearestExisting(directory: string): NearestExisting {
  const missing: string[] = []
  let current = directory
  for (;;) {
    const kind = kindOf(current)
    if (kind === 'directory') return { existing: current, missing }
    if (kind === 'file' || kind === 'other') {
      return {
        existing: current,
        missing,
        problem: `${current} ${describeKind(kind)}, not a directory`
      }
    }
    if (kind === 'dangling-link' || kind === 'unreachable') {
      return { existing: current, missing, problem: `${current} ${describeKind(kind)}` }
    }
    const parent = path.dirname(current)
    if (parent === current) return { existing: current, missing, problem: 'nothing of it exists' }
    missing.unshift(path.basename(current))
    current = parent
  }
}

function forbiddenPlace(directory: string, context: OutputDirectoryContext): string | undefined {
  for (const tree of VIRTUAL_TREES) {
    const inStorage = STORAGE_UNDER_DEV.some(
      (storage) => directory === storage || isInside(directory, storage)
    )
    if ((directory === tree || isInside(directory, tree)) && !inStorage) {
      return `is inside ${tree}, a kernel interface rather than storage`
    }
  }
  if (SYSTEM_DIRECTORIES.includes(directory)) return 'is a system directory'
  const shared = context.sharedDirectories ?? [os.homedir(), os.tmpdir()]
  if (shared.map((entry) => path.resolve(entry)).includes(directory)) {
    return 'is a shared directory (home or temporary directory)'
  }
  const workspace = path.resolve(context.workspaceRoot)
  if (directory === workspace) return 'is the workspace root'
  if (isInside(workspace, directory)) return `contains the workspace root ${workspace}`
  return undefined
}

/** Whether `inner` lies strictly below `outer`. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

function safeRealpath(existing: string): string {
  try {
    return realpathSync(existing)
  } catch {
    return existing
  }
}

function virtualFilesystemOf(existing: string): string | undefined {
  try {
    return VIRTUAL_FILESYSTEMS.get(Number(statfsSync(existing).type))
  } catch {
    // statfs is missing on some platforms; the path rules above still hold.
    return undefined
  }
}

function accessProblem(candidate: string, mode: number): string | undefined {
  try {
    accessSync(candidate, mode)
    return undefined
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error)
  }
}
