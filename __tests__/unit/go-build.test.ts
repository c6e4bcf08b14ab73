import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  GO_BUILD_FLAGS,
  goBuildFiles,
  goBuildHash,
  goSourceHash,
  type GoBuildInputs
} from '../../src/tools/go-build.js'
import { planGatewayBuild } from '../../src/tools/gateway.js'
import { REPO_ROOT } from './fixtures.js'

const TOOLCHAIN = 'go1.26.8 linux amd64 CGO_ENABLED=1 GOFLAGS= GOEXPERIMENT='

let scratch: string
let checkout: string
let workDir: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-go-build-'))
  checkout = path.join(scratch, 'checkout')
  workDir = path.join(scratch, 'work')
  cpSync(path.join(REPO_ROOT, 'examples', 'bifrost-like'), checkout, { recursive: true })
  rmSync(path.join(checkout, 'transports/bifrost-http/ui'), { recursive: true, force: true })
  mkdirSync(workDir)
  writeFileSync(path.join(workDir, 'empty-placeholder'), '')
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** The inputs of the replica's local build, as the gateway plans it. */
function localInputs(root = checkout): GoBuildInputs {
  const plan = planGatewayBuild(root, 'local', workDir)
  return {
    sourceRoot: root,
    moduleDirs: plan.moduleDirs,
    toolchain: TOOLCHAIN,
    flags: GO_BUILD_FLAGS,
    workspace: plan.workspace,
    overlay: plan.overlay
  }
}

/** The hash before and after a change to a file of the checkout, restored afterwards. */
async function hashAround(relative: string, change: string): Promise<[string, string]> {
  const file = path.join(checkout, relative)
  const before = await goBuildHash(localInputs())
  mkdirSync(path.dirname(file), { recursive: true })
  await appendFile(file, change)
  const after = await goBuildHash(localInputs())
  return [before, after]
}

describe('goBuildFiles', () => {
  it("lists every workspace module's build inputs, not tests, READMEs or schema", async () => {
    const files = (await goBuildFiles(localInputs().moduleDirs)).map((file) =>
      path.relative(checkout, file)
    )
    expect(files).toContain('core/bifrost.go')
    expect(files).toContain('core/go.mod')
    expect(files).toContain('framework/configstore/config.go')
    expect(files).toContain('plugins/telemetry/telemetry.go')
    expect(files).toContain('transports/bifrost-http/main.go')
    expect(files.filter((file) => /_test\.go$|README|\.json$/.test(file))).toEqual([])
  })
})

describe('goBuildHash', () => {
  it('is stable, and the same for a copy of the checkout elsewhere', async () => {
    const first = await goBuildHash(localInputs())
    expect(await goBuildHash(localInputs())).toBe(first)
    const moved = path.join(scratch, 'moved')
    cpSync(checkout, moved, { recursive: true })
    expect(await goBuildHash(localInputs(moved))).toBe(first)
    rmSync(moved, { recursive: true })
  })

  it("changes with a Go file of a workspace module (core's request path)", async () => {
    const [before, after] = await hashAround('core/bifrost.go', '\n// changed\n')
    expect(after).not.toBe(before)
  })

  it("changes with a workspace module's go.mod and with a go.sum appearing", async () => {
    const [before, after] = await hashAround('framework/go.mod', '\n// changed\n')
    expect(after).not.toBe(before)
    const [withoutSum, withSum] = await hashAround('plugins/telemetry/go.sum', '')
    expect(withSum).not.toBe(withoutSum)
  })

  it('does not change with a test file, a README or a module the gateway does not use', async () => {
    const unchanged = [
      await hashAround('core/bifrost_test.go', '\n// changed\n'),
      await hashAround('README.md', '\nchanged\n'),
      await hashAround('plugins/unused/go.mod', 'module example.com/unused\n'),
      await hashAround('plugins/unused/unused.go', 'package unused\n')
    ]
    for (const [before, after] of unchanged) expect(after).toBe(before)
  })

  it('changes with the embedded ui/ (and its placeholder leaving the overlay)', async () => {
    const [before, after] = await hashAround('transports/bifrost-http/ui/index.html', '<html>')
    expect(localInputs().overlay).toBeUndefined()
    expect(after).not.toBe(before)
    const [withIndex, edited] = await hashAround('transports/bifrost-http/ui/index.html', 'more')
    expect(edited).not.toBe(withIndex)
    rmSync(path.join(checkout, 'transports/bifrost-http/ui'), { recursive: true })
  })

  it('changes with the overlay, the workspace file, the flags and the toolchain', async () => {
    const inputs = localInputs()
    const base = await goBuildHash(inputs)
    const variants: GoBuildInputs[] = [
      { ...inputs, overlay: undefined },
      {
        ...inputs,
        overlay: inputs.overlay && {
          ...inputs.overlay,
          placeholders: [path.join(checkout, 'transports/bifrost-http/ui/other')]
        }
      },
      { ...inputs, workspace: undefined },
      {
        ...inputs,
        workspace: inputs.workspace && {
          ...inputs.workspace,
          content: inputs.workspace.content.replace('go 1.26', 'go 1.26.4')
        }
      },
      { ...inputs, flags: [...GO_BUILD_FLAGS, '-race'] },
      { ...inputs, toolchain: TOOLCHAIN.replace('GOFLAGS=', 'GOFLAGS=-tags=x') }
    ]
    const hashes = await Promise.all(variants.map((variant) => goBuildHash(variant)))
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1)
  })

  it("of a single module equals goSourceHash's (the mocker's cache key)", async () => {
    const mocker = path.join(REPO_ROOT, 'mocker')
    expect(await goSourceHash(mocker, TOOLCHAIN)).toBe(
      await goBuildHash({
        sourceRoot: mocker,
        moduleDirs: [mocker],
        toolchain: TOOLCHAIN,
        flags: GO_BUILD_FLAGS
      })
    )
  })
})
