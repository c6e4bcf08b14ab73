import { writeFile } from 'node:fs/promises'

export interface ChatTarget {
  url: string
  model: string
  headers: Record<string, string>
}

/** The chat request every phase sends, as in the seed. */
export function chatRequestBody(model: string): string {
  return JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello, how are you?' }] })
}

/** A vegeta JSON target (`-format=json`): header values are lists, the body is base64. */
export function vegetaJsonTarget(target: ChatTarget): string {
  const header: Record<string, string[]> = { 'Content-Type': ['application/json'] }
  for (const [name, value] of Object.entries(target.headers)) header[name] = [value]
  return JSON.stringify({
    method: 'POST',
    url: target.url,
    header,
    body: Buffer.from(chatRequestBody(target.model)).toString('base64')
  })
}

export async function writeTargetsFile(filePath: string, target: ChatTarget): Promise<void> {
  await writeFile(filePath, `${vegetaJsonTarget(target)}\n`)
}
