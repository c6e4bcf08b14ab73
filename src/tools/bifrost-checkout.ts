import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs'
import path from 'node:path'
import { LoadTestError } from '../errors.js'

/**
 * Reading a bifrost checkout the way Go and bifrost's own scripts see it: where the
 * bifrost-http main package is, which of the checkout's Go modules it is built from, and
 * which directories it embeds. Nothing here writes to the checkout.
 */

/** Where bifrost-http's main package may be, in order: today's layout, then the old one. */
export const MAIN_PACKAGE_CANDIDATES = ['transports/bifrost-http', 'transports'] as const

/** Directories Go never builds from (and that can be huge): skipped when walking a tree. */
export function isSkippedDirectory(name: string): boolean {
  return (
    name === 'node_modules' ||
    name === 'vendor' ||
    name === 'testdata' ||
    name.startsWith('.') ||
    name.startsWith('_')
  )
}

export interface GoRequirement {
  path: string
  version: string
}

/** One go.mod: its directory, module path, `go` directive and requirements. */
export interface GoModule {
  /** Absolute directory holding the go.mod. */
  dir: string
  /** The module path (`module` line). */
  path: string
  /** The `go` directive, e.g. "1.26.4"; undefined when absent. */
  goVersion?: string
  /** Every `require`, direct and indirect. */
  requires: GoRequirement[]
}

const unquote = (token: string): string =>
  /^".*"$|^`.*`$/.test(token) ? token.slice(1, -1) : token

/**
 * Parses the parts of a go.mod file that decide a workspace: `module`, `go` and `require`
 * (single lines and blocks). Comments are dropped. Throws on a file without a module line.
 */
export function parseGoMod(text: string, dir: string): GoModule {
  let modulePath: string | undefined
  let goVersion: string | undefined
  const requires: GoRequirement[] = []
  let block: string | undefined
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\/\/.*$/, '').trim()
    if (line === '') continue
    if (block !== undefined) {
      if (line === ')') block = undefined
      else if (block === 'require') {
        const [modPath, version] = line.split(/\s+/)
        if (modPath && version) requires.push({ path: unquote(modPath), version })
      }
      continue
    }
    const [keyword, ...args] = line.split(/\s+/)
    if (args[0] === '(') {
      block = keyword
      continue
    }
    if (keyword === 'module' && args[0]) modulePath = unquote(args[0])
    else if (keyword === 'go' && args[0]) goVersion = args[0]
    else if (keyword === 'require' && args[0] && args[1]) {
      requires.push({ path: unquote(args[0]), version: args[1] })
    }
  }
  if (modulePath === undefined) {
    throw new LoadTestError('setup', `${path.join(dir, 'go.mod')}: no module line`)
  }
  return { dir, path: modulePath, goVersion, requires }
}

function readDirectory(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true })
  } catch {
    return []
  }
}

/** Every Go module in a tree (each directory holding a go.mod), sorted by directory. */
export function findGoModules(root: string): GoModule[] {
  const modules: GoModule[] = []
  const walk = (directory: string): void => {
    const entries = readDirectory(directory)
    if (entries.some((entry) => entry.isFile() && entry.name === 'go.mod')) {
      const goMod = path.join(directory, 'go.mod')
      modules.push(parseGoMod(readFileSync(goMod, 'utf8'), directory))
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !isSkippedDirectory(entry.name)) {
        walk(path.join(directory, entry.name))
      }
    }
  }
  walk(root)
  return modules.sort((a, b) => a.dir.localeCompare(b.dir))
}

/** The non-test Go files of one package directory, by absolute path. */
function packageGoFiles(packageDir: string): string[] {
  return readDirectory(packageDir)
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.go') && !entry.name.endsWith('_test.go')
    )
    .map((entry) => path.join(packageDir, entry.name))
    .sort()
}

/** Whether a directory holds a Go file of `package main` (test files aside). */
export function isMainPackage(directory: string): boolean {
  return packageGoFiles(directory).some((file) =>
    /^package\s+main\b/m.test(readFileSync(file, 'utf8'))
  )
}

/**
 * bifrost-http's main package in a checkout: transports/bifrost-http/ (bifrost today), else
 * transports/ if a checkout really has its main package there. Undefined when neither has.
 */
export function findMainPackage(checkoutPath: string): string | undefined {
  return MAIN_PACKAGE_CANDIDATES.map((candidate) => path.join(checkoutPath, candidate)).find(
    isMainPackage
  )
}

const isInside = (directory: string, candidate: string): boolean => {
  const relative = path.relative(directory, candidate)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** The module a package directory belongs to: the deepest module directory above it. */
export function moduleOf(modules: GoModule[], packageDir: string): GoModule | undefined {
  return modules
    .filter((module) => isInside(module.dir, packageDir))
    .sort((a, b) => b.dir.length - a.dir.length)[0]
}

/**
 * The checkout's modules that go into the binary built from mainPackageDir: its own module,
 * and every module it requires (directly or through another) whose path a module of the
 * checkout provides: bifrost's core, framework, plugins/*, and transports. Sorted by
 * directory. Throws a setup error when the main package is in no module of the checkout.
 */
export function workspaceModules(checkoutPath: string, mainPackageDir: string): GoModule[] {
  const modules = findGoModules(checkoutPath)
  const mainModule = moduleOf(modules, mainPackageDir)
  if (mainModule === undefined) {
    throw new LoadTestError(
      'setup',
      `${mainPackageDir}: no go.mod in it or above it inside ${checkoutPath}; expected the main package to belong to a Go module of the checkout.`
    )
  }
  const byPath = new Map(modules.map((module) => [module.path, module]))
  const used = new Map<string, GoModule>([[mainModule.path, mainModule]])
  const pending = [mainModule]
  for (let module = pending.pop(); module !== undefined; module = pending.pop()) {
    for (const requirement of module.requires) {
      const provided = byPath.get(requirement.path)
      if (provided && !used.has(provided.path)) {
        used.set(provided.path, provided)
        pending.push(provided)
      }
    }
  }
  return [...used.values()].sort((a, b) => a.dir.localeCompare(b.dir))
}

/** Compares Go versions such as "1.26" and "1.26.4" numerically. */
function compareGoVersions(a: string, b: string): number {
  const parts = (version: string): number[] =>
    version.split('.').map((part) => Number.parseInt(part, 10) || 0)
  const [left, right] = [parts(a), parts(b)]
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

/** A path as a go.work token: quoted (Go string syntax) only when it must be. */
function goWorkPath(directory: string): string {
  return /[\s"'`\\]|\/\//.test(directory) ? JSON.stringify(directory) : directory
}

/**
 * A go.work using each module by absolute path, so it works from any directory (GOWORK
 * points at it), with the highest `go` version of the modules, as `go work init` would
 * need. Shape: `go 1.26.4\n\nuse (\n\t/abs/core\n\t…\n)\n`.
 */
export function goWorkFile(modules: GoModule[]): string {
  const goVersion = modules
    .map((module) => module.goVersion)
    .filter((version): version is string => version !== undefined)
    .sort(compareGoVersions)
    .at(-1)
  const uses = modules.map((module) => `\t${goWorkPath(module.dir)}\n`).join('')
  return `${goVersion === undefined ? '' : `go ${goVersion}\n\n`}use (\n${uses})\n`
}

/** The patterns of every `//go:embed` line of a Go source, quotes removed. */
export function embedPatterns(source: string): string[] {
  const patterns: string[] = []
  for (const match of source.matchAll(/^\/\/go:embed\s+(.+)$/gm)) {
    const words = match[1]?.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? []
    patterns.push(...words.map(unquote))
  }
  return patterns
}

const GLOB_CHARACTERS = /[*?[\\]/

function hasEmbeddableFile(target: string, includeHidden: boolean): boolean {
  for (const entry of readDirectory(target)) {
    if (!includeHidden && /^[._]/.test(entry.name)) continue
    if (entry.isFile()) return true
    if (entry.isDirectory() && hasEmbeddableFile(path.join(target, entry.name), includeHidden)) {
      return true
    }
  }
  return false
}

/**
 * Files to add through `go build -overlay` so that each `//go:embed` of a directory in
 * the main package has something to embed: bifrost-http embeds `all:ui`, which a clean
 * checkout lacks (and an empty ui/ fails too). For `all:` patterns the file is
 * `<dir>/.placeholder`, otherwise `<dir>/placeholder` (Go skips dotfiles there).
 * Patterns with wildcards, or naming a file, are left to Go.
 */
export function embedPlaceholders(mainPackageDir: string): string[] {
  const placeholders = new Set<string>()
  for (const file of packageGoFiles(mainPackageDir)) {
    for (const pattern of embedPatterns(readFileSync(file, 'utf8'))) {
      const includeHidden = pattern.startsWith('all:')
      const name = includeHidden ? pattern.slice('all:'.length) : pattern
      if (GLOB_CHARACTERS.test(name)) continue
      const target = path.join(mainPackageDir, name)
      let isFile = false
      try {
        isFile = statSync(target).isFile()
      } catch {
        // absent: needs a placeholder, like an empty directory
      }
      if (isFile || hasEmbeddableFile(target, includeHidden)) continue
      placeholders.add(path.join(target, includeHidden ? '.placeholder' : 'placeholder'))
    }
  }
  return [...placeholders].sort()
}

/** `go build -overlay`'s file: each placeholder path replaced by the given (empty) file. */
export function overlayFile(placeholders: string[], emptyFile: string): string {
  return `${JSON.stringify({ Replace: Object.fromEntries(placeholders.map((p) => [p, emptyFile])) }, null, 2)}\n`
}
