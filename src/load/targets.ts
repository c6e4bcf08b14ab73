import { writeFile } from 'node:fs/promises'

/**
 * Who a request goes to: `direct` is the mock provider itself (calibration), `gateway` the
 * gateway under test; a base-vs-head comparison adds `base` and `head`.
 */
export type TargetName = 'direct' | 'gateway' | 'base' | 'head'

/** One target of an attack: where its chat requests go and what they carry. */
export interface ChatTarget {
  name: TargetName
  url: string
  model: string
  headers: Record<string, string>
  /** Sends `"stream": true`: the answer must be a server-sent event stream. */
  stream: boolean
}

/** The chat request every phase sends, as in the seed; streaming adds `"stream": true`. */
export function chatRequestBody(model: string, stream = false): string {
  return JSON.stringify({
    model,
    messages: [{ role: 'user', content: 'Hello, how are you?' }],
    ...(stream ? { stream: true } : {})
  })
}

/** A vegeta JSON target (`-format=json`): header values are lists, the body is base64. */
export function vegetaJsonTarget(target: ChatTarget): string {
  const header: Record<string, string[]> = { 'Content-Type': ['application/json'] }
  for (const [name, value] of Object.entries(target.headers)) header[name] = [value]
  return JSON.stringify({
    method: 'POST',
    url: target.url,
    header,
    body: Buffer.from(chatRequestBody(target.model, target.stream)).toString('base64')
  })
}

/** Every order of the items, each item in each position equally often (n! orders). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest
    ])
  )
}

/**
 * Writes a targets file in which every order of the targets follows the others (for
 * direct and gateway: direct, gateway, gateway, direct). vegeta hands its targets out
 * round-robin, so an attack at N × rate sends `rate` to each target, alternating, and each
 * target is as often first, second or last of its turn: no target always follows another,
 * so whatever depends on the position in the sequence weighs on all alike. Results are
 * told apart by URL, so the URLs must differ; throws an Error when they do not.
 */
export async function writeTargetsFile(filePath: string, targets: ChatTarget[]): Promise<void> {
  if (targets.length === 0) throw new Error('an attack needs at least one target')
  const urls = new Set(targets.map((target) => target.url))
  if (urls.size !== targets.length) {
    throw new Error(
      `targets ${targets.map((target) => target.name).join(', ')} share a URL; results could not be told apart`
    )
  }
  const lines = permutations(targets.map(vegetaJsonTarget)).flat()
  await writeFile(filePath, lines.map((line) => `${line}\n`).join(''))
}
