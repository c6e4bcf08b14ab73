// Bundles the action's main and post steps and the CLI into dist/ with ncc.
// dist/ is committed: GitHub runs the action from it without installing anything.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const bundles = [
  { entry: 'src/index.ts', out: 'dist' },
  { entry: 'src/post-index.ts', out: 'dist/post' },
  { entry: 'src/cli.ts', out: 'dist/cli' }
]

rmSync('dist', { recursive: true, force: true })
for (const { entry, out } of bundles) {
  const result = spawnSync(
    'npx',
    [
      'ncc',
      'build',
      entry,
      '--out',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2022'
    ],
    { stdio: 'inherit' }
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}
