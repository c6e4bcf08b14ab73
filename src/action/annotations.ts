import type { AnnotationProperties } from '@actions/core'

/**
 * GitHub shows at most 10 error and 10 warning annotations per step and drops the rest
 * (docs.github.com, "Workflow commands": limits on annotations), so a step must choose.
 */
export const MAX_ANNOTATIONS_PER_KIND = 10

/** The @actions/core functions that make annotations. */
export interface AnnotationSink {
  error(message: string, properties?: AnnotationProperties): void
  warning(message: string, properties?: AnnotationProperties): void
  setFailed(message: string): void
}

type Kind = 'error' | 'warning'

/**
 * Annotations of one step, within GitHub's limit per kind: the first limit − 1 are shown as
 * they come; the rest are held and, at flush(), shown as one annotation ("and N more: …"),
 * or as themselves when only one is held. So the step never makes more than `limit` of a
 * kind and the first ones, which the caller makes the most important (the verdict), are
 * never dropped. fail() counts as an error annotation, as core.setFailed makes one.
 */
export class AnnotationBudget {
  private readonly shown: Record<Kind, number> = { error: 0, warning: 0 }
  private readonly held: Record<Kind, { message: string; properties?: AnnotationProperties }[]> = {
    error: [],
    warning: []
  }

  constructor(
    private readonly sink: AnnotationSink,
    private readonly limit = MAX_ANNOTATIONS_PER_KIND
  ) {}

  error(message: string, properties?: AnnotationProperties): void {
    this.add('error', message, properties)
  }

  warning(message: string, properties?: AnnotationProperties): void {
    this.add('warning', message, properties)
  }

  /** Marks the step failed with `message` as an error annotation, shown at once. */
  fail(message: string): void {
    this.shown.error++
    this.sink.setFailed(message)
  }

  /** Shows what was held back; call once, when the step has nothing more to say. */
  flush(): void {
    for (const kind of ['error', 'warning'] as const) {
      const held = this.held[kind]
      this.held[kind] = []
      if (held.length === 0) continue
      const only = held.length === 1 ? held[0] : undefined
      if (only) {
        this.sink[kind](only.message, only.properties)
      } else {
        const messages = held.map(({ message, properties }) =>
          properties?.title ? `${properties.title}: ${message}` : message
        )
        this.sink[kind](`and ${held.length} more: ${messages.join('; ')}`, {
          title: `${held.length} more ${kind === 'error' ? 'errors' : 'warnings'}`
        })
      }
      this.shown[kind]++
    }
  }

  private add(kind: Kind, message: string, properties?: AnnotationProperties): void {
    if (this.shown[kind] < this.limit - 1) {
      this.shown[kind]++
      this.sink[kind](message, properties)
    } else {
      this.held[kind].push({ message, properties })
    }
  }
}
