import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '../../src')

/**
 * The floors of src/, lowest first: a file may import files on its own floor or below. A
 * room is a directory of src/ or a file at its root. Issue 15 lists config → tools →
 * services → engine → load/probes → analysis → results → report → front ends; the code says
 * otherwise in two places, which this order follows: tools/ sits above services/ (its builds
 * run under services' run token, and services import nothing of tools), and the engine sits
 * above load/, analysis/ and the run record (its executor runs load's attacks, its run
 * evaluates them and fills the record in). Issue 15's order counts 16 upward imports.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['errors.ts', 'ensure-directory.ts', 'platform.ts', 'package-root.ts'],
  ['config'],
  ['services'],
  ['tools'],
  ['load'],
  ['analysis'],
  ['results', 'record.ts'],
  ['engine'],
  ['report'],
  ['action', 'configure.ts', 'main.ts', 'post.ts', 'cli.ts', 'index.ts', 'post-index.ts']
]

/**
 * The imports that still run from a lower floor up to a higher one (issue 15 allows three at
 * most): the engine writes reports itself until the sinks take that over. None may be added;
 * remove one here when it goes.
 */
const UPWARD_IMPORTS = [
  'engine/executor.ts → report/format.ts',
  'engine/run.ts → report/write.ts',
  'engine/run.ts → report/redact.ts'
]

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Each file of src/ (relative, POSIX) → the files of src/ it imports, type-only imports too. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const imported = ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((reference) => reference.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) =>
        path.relative(SRC, path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))
      )
    graph.set(path.relative(SRC, file).split(path.sep).join('/'), imported)
  }
  return graph
}

const roomOf = (file: string): string => file.split('/')[0] as string

function floorOf(file: string): number {
  const floor = FLOORS.findIndex((rooms) => rooms.includes(roomOf(file)))
  if (floor === -1) throw new Error(`${file}: its room ${roomOf(file)} is on no floor of FLOORS`)
  return floor
}

/** Every import circle, each as the files around it (first file repeated at the end). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file)
  return found
}

describe('import graph of src/', () => {
  const graph = importGraph()

  it('resolves every relative import to a file of src/', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => !graph.has(target)).map((target) => `${file} → ${target}`)
    )
    expect(missing).toEqual([])
  })

  it('has no import circles', () => {
    expect(circles(graph).map((circle) => circle.join(' → '))).toEqual([])
  })

  it('finds a circle when there is one', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']]
    ])
    expect(circles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })

  it('keeps src/config/ at the bottom: it imports only its own files and the shared root ones', () => {
    const upward = [...graph]
      .filter(([file]) => roomOf(file) === 'config')
      .flatMap(([file, imports]) =>
        imports.filter((target) => floorOf(target) > floorOf(file)).map((t) => `${file} → ${t}`)
      )
    expect(upward).toEqual([])
  })

  it('has no imports running up the floors but the known ones, at most three', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => floorOf(target) > floorOf(file))
        .map((target) => `${file} → ${target}`)
    )
    expect(upward.sort()).toEqual([...UPWARD_IMPORTS].sort())
    expect(UPWARD_IMPORTS.length).toBeLessThanOrEqual(3)
  })
})
