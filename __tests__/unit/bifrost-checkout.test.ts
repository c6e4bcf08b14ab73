import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  embedPatterns,
  embedPlaceholders,
  findGoModules,
  findMainPackage,
  goWorkFile,
  overlayFile,
  parseGoMod,
  workspaceModules
} from '../../src/tools/bifrost-checkout.js'
import { planGatewayBuild, publishedBuildHint } from '../../src/tools/gateway.js'
import { LoadTestError } from '../../src/errors.js'
import { REPO_ROOT } from './fixtures.js'

const BIFROST_LIKE = path.join(REPO_ROOT, 'examples', 'bifrost-like')
const PINNED = 'v0.0.0-00010101000000-000000000000'

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-checkout-'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

function write(root: string, files: Record<string, string>): string {
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
    writeFileSync(path.join(root, relative), content)
  }
  return root
}

describe('parseGoMod', () => {
  it('reads the module path, go directive and requires (blocks, single lines, comments)', () => {
    const goMod = [
      'module github.com/maximhq/bifrost/transports // the HTTP gateway',
      '',
      'go 1.26.4',
      '',
      'require github.com/valyala/fasthttp v1.71.0',
      'require (',
      '\tgithub.com/maximhq/bifrost/core v1.6.2',
      '\t"github.com/maximhq/bifrost/plugins/mocker" v1.5.25 // indirect',
      ')',
      'replace example.com/a => ../a'
    ].join('\n')
    expect(parseGoMod(goMod, '/c/transports')).toEqual({
      dir: '/c/transports',
      path: 'github.com/maximhq/bifrost/transports',
      goVersion: '1.26.4',
      requires: [
        { path: 'github.com/valyala/fasthttp', version: 'v1.71.0' },
        { path: 'github.com/maximhq/bifrost/core', version: 'v1.6.2' },
        { path: 'github.com/maximhq/bifrost/plugins/mocker', version: 'v1.5.25' }
      ]
    })
  })

  it('refuses a go.mod without a module line, naming the file', () => {
    expect(() => parseGoMod('go 1.26\n', '/c/x')).toThrow(
      new LoadTestError('setup', '/c/x/go.mod: no module line')
    )
  })
})

describe('findMainPackage', () => {
  it('finds transports/bifrost-http/ in the replica, as in bifrost today', () => {
    expect(findMainPackage(BIFROST_LIKE)).toBe(
      path.join(BIFROST_LIKE, 'transports', 'bifrost-http')
    )
  })

  it('prefers transports/bifrost-http/, falls back to a main package in transports/, else none', () => {
    const both = write(path.join(scratch, 'both'), {
      'transports/main.go': 'package main\n',
      'transports/bifrost-http/main.go': '// Command bifrost-http.\npackage main\n'
    })
    expect(findMainPackage(both)).toBe(path.join(both, 'transports', 'bifrost-http'))
    const old = write(path.join(scratch, 'old'), { 'transports/main.go': 'package main\n' })
    expect(findMainPackage(old)).toBe(path.join(old, 'transports'))
    const none = write(path.join(scratch, 'none'), {
      'transports/lib.go': 'package transports\n',
      'transports/bifrost-http/main_test.go': 'package main\n'
    })
    expect(findMainPackage(none)).toBeUndefined()
    expect(findMainPackage(path.join(scratch, 'missing'))).toBeUndefined()
  })
})

describe('workspaceModules and goWorkFile', () => {
  it("uses the replica's modules transports needs, found through the requires, by absolute path", () => {
    const mainPackage = path.join(BIFROST_LIKE, 'transports', 'bifrost-http')
    const modules = workspaceModules(BIFROST_LIKE, mainPackage)
    expect(modules.map((module) => path.relative(BIFROST_LIKE, module.dir))).toEqual([
      'core',
      'framework',
      'plugins/telemetry',
      'transports'
    ])
    expect(goWorkFile(modules)).toBe(
      `go 1.26\n\nuse (\n${['core', 'framework', 'plugins/telemetry', 'transports']
        .map((dir) => `\t${path.join(BIFROST_LIKE, dir)}\n`)
        .join('')})\n`
    )
  })

  it('leaves out modules nothing requires, follows indirect requires, and takes the highest go version', () => {
    const root = write(path.join(scratch, 'modules'), {
      'core/go.mod': 'module example.com/b/core\n\ngo 1.26.4\n',
      'framework/go.mod': `module example.com/b/framework\n\ngo 1.25\n\nrequire example.com/b/core ${PINNED}\n`,
      'plugins/mocker/go.mod': 'module example.com/b/plugins/mocker\n\ngo 1.26\n',
      'plugins/unused/go.mod': 'module example.com/b/plugins/unused\n\ngo 1.27\n',
      'ui/node_modules/x/go.mod': 'module example.com/never\n',
      'transports/go.mod': `module example.com/b/transports\n\ngo 1.26\n\nrequire (\n\texample.com/b/framework ${PINNED}\n\texample.com/b/plugins/mocker ${PINNED} // indirect\n\tgithub.com/valyala/fasthttp v1.71.0\n)\n`,
      'transports/bifrost-http/main.go': 'package main\n'
    })
    const modules = workspaceModules(root, path.join(root, 'transports', 'bifrost-http'))
    expect(modules.map((module) => path.relative(root, module.dir))).toEqual([
      'core',
      'framework',
      'plugins/mocker',
      'transports'
    ])
    expect(goWorkFile(modules)).toMatch(/^go 1\.26\.4\n\nuse \(\n\t\//)
    expect(findGoModules(root).map((module) => module.path)).not.toContain('example.com/never')
  })

  it('quotes a path that needs it', () => {
    const file = goWorkFile([{ dir: '/tmp/my checkout/core', path: 'x', requires: [] }])
    expect(file).toBe('use (\n\t"/tmp/my checkout/core"\n)\n')
  })

  it('refuses a main package outside every module', () => {
    const root = write(path.join(scratch, 'no-module'), {
      'transports/bifrost-http/main.go': 'package main\n'
    })
    expect(() => workspaceModules(root, path.join(root, 'transports/bifrost-http'))).toThrow(
      /no go\.mod in it or above it/
    )
  })
})

describe('embedPlaceholders and overlayFile', () => {
  it('reads //go:embed patterns, quoted or not', () => {
    expect(
      embedPatterns(
        'package main\n\n//go:embed all:ui "a b.txt" `c`\nvar x embed.FS\n//go:embed *.json\n'
      )
    ).toEqual(['all:ui', 'a b.txt', 'c', '*.json'])
  })

  it('adds ui/.placeholder for `all:ui` while ui/ is missing or has nothing, never when it has a file', () => {
    const root = write(path.join(scratch, 'embeds'), {
      'main.go': 'package main\n\n//go:embed all:ui\nvar ui embed.FS\n',
      'main_test.go': 'package main\n\n//go:embed testdata\nvar t embed.FS\n'
    })
    expect(embedPlaceholders(root)).toEqual([path.join(root, 'ui', '.placeholder')])
    mkdirSync(path.join(root, 'ui', 'empty-subdirectory'), { recursive: true })
    expect(embedPlaceholders(root)).toEqual([path.join(root, 'ui', '.placeholder')])
    write(root, { 'ui/.gitkeep': '' }) // a dotfile counts for all:
    expect(embedPlaceholders(root)).toEqual([])
  })

  it('adds a non-hidden placeholder for a pattern without all: (Go skips dotfiles there), none for wildcards', () => {
    const root = write(path.join(scratch, 'plain-embed'), {
      'main.go':
        'package main\n\n//go:embed static\nvar s embed.FS\n//go:embed *.tmpl\nvar t embed.FS\n',
      'static/.hidden': ''
    })
    expect(embedPlaceholders(root)).toEqual([path.join(root, 'static', 'placeholder')])
  })

  it("finds the replica's ui/, which is not committed", () => {
    const copy = path.join(scratch, 'replica')
    cpSync(BIFROST_LIKE, copy, { recursive: true })
    rmSync(path.join(copy, 'transports/bifrost-http/ui'), { recursive: true, force: true })
    expect(embedPlaceholders(path.join(copy, 'transports/bifrost-http'))).toEqual([
      path.join(copy, 'transports/bifrost-http/ui/.placeholder')
    ])
  })

  it('writes the overlay JSON go build -overlay reads', () => {
    expect(JSON.parse(overlayFile(['/c/t/b/ui/.placeholder'], '/tools/empty'))).toEqual({
      Replace: { '/c/t/b/ui/.placeholder': '/tools/empty' }
    })
  })
})

describe('planGatewayBuild', () => {
  it('plans a workspace and an overlay in our work directory for local, GOWORK=off for published', () => {
    const copy = path.join(scratch, 'plan')
    cpSync(BIFROST_LIKE, copy, { recursive: true })
    rmSync(path.join(copy, 'transports/bifrost-http/ui'), { recursive: true, force: true })
    const local = planGatewayBuild(copy, 'local', '/tools/work')
    expect(local.mainPackageDir).toBe(path.join(copy, 'transports/bifrost-http'))
    expect(local.workspace?.goWorkPath).toBe('/tools/work/go.work')
    expect(local.workspace?.content).toContain(`\t${path.join(copy, 'core')}\n`)
    expect(local.moduleDirs).toHaveLength(4)
    expect(local.overlay).toMatchObject({
      overlayPath: '/tools/work/overlay.json',
      emptyFilePath: '/tools/work/empty-placeholder',
      placeholders: [path.join(copy, 'transports/bifrost-http/ui/.placeholder')]
    })
    const published = planGatewayBuild(copy, 'published', '/tools/work')
    expect(published.workspace).toBeUndefined()
    expect(published.moduleDirs).toEqual([path.join(copy, 'transports')])
    expect(published.overlay).toEqual(local.overlay)
  })

  it('refuses a checkout without a main package', () => {
    expect(() => planGatewayBuild(scratch, 'local', '/tools/work')).toThrow(
      /no bifrost-http main package in transports\/bifrost-http\/ or transports\//
    )
  })
})

describe('publishedBuildHint', () => {
  const transports = parseGoMod(
    `module github.com/maximhq/bifrost/transports\n\nrequire github.com/maximhq/bifrost/core ${PINNED}\n`,
    '/c/transports'
  )

  it("names the module version from Go's missing go.sum messages and the go.mod, once", () => {
    const output = [
      'main.go:6:2: missing go.sum entry for module providing package github.com/maximhq/bifrost/core (imported by x); to add:',
      'main.go:7:2: missing go.sum entry for module providing package github.com/maximhq/bifrost/core/schemas (imported by x); to add:'
    ].join('\n')
    expect(publishedBuildHint(output, transports)).toBe(
      `bifrost-modules: published builds with GOWORK=off, against the versions in go.mod; Go could not get github.com/maximhq/bifrost/core ${PINNED}, which transports/go.mod requires (not published, or not reachable from here). Set bifrost-modules: local to build the checkout's own modules in a Go workspace.`
    )
  })

  it('names the module version Go names in a download error', () => {
    const output =
      'go: github.com/maximhq/bifrost/framework@v1.4.2: reading https://proxy.golang.org/github.com/maximhq/bifrost/framework/@v/v1.4.2.mod: 403 Forbidden'
    expect(publishedBuildHint(output, transports)).toContain(
      'Go could not get github.com/maximhq/bifrost/framework v1.4.2'
    )
  })
})
