import { BadUserInputError } from '../../../platform/errors.js';

/**
 * Stop sequences at the edge (OpenAI's `stop`, Anthropic's `stop_sequences`): the gateway has no stop
 * parameter, so the reply is cut here, before the first sequence it contains (which is not sent, as
 * both APIs do). A stream holds back the few characters that could be the start of a sequence split
 * across pieces, and ends the call at a match (settled for what was produced); a whole answer is cut
 * after the fact, charged as the provider reported it.
 */
export class StopScanner {
  private held = '';
  /** The sequence that ended the reply, once one did. */
  matched: string | null = null;

  constructor(private readonly sequences: readonly string[]) {}

  /** The text that may go out now: after a match, only what came before it. */
  push(text: string): string {
    if (this.sequences.length === 0 || this.matched !== null) return this.matched === null ? text : '';
    const all = this.held + text;
    let at = -1;
    for (const s of this.sequences) {
      const i = all.indexOf(s);
      if (i >= 0 && (at < 0 || i < at || (i === at && s.length > this.matched!.length))) [at, this.matched] = [i, s];
    }
    if (at >= 0) {
      this.held = '';
      return all.slice(0, at);
    }
    const keep = this.partialTail(all);
    this.held = all.slice(all.length - keep);
    return all.slice(0, all.length - keep);
  }

  /** The end of the reply: what was held back, since no sequence followed it. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  /** The longest end of `text` that begins some sequence (and so may complete in the next piece). */
  private partialTail(text: string): number {
    let keep = 0;
    for (const s of this.sequences) {
      for (let n = Math.min(s.length - 1, text.length); n > keep; n--) {
        if (text.endsWith(s.slice(0, n))) {
          keep = n;
          break;
        }
      }
    }
    return keep;
  }
}

/** A whole reply cut at its first stop sequence. */
export function cutAtStop(text: string, sequences: readonly string[]): { text: string; matched: string | null } {
  const scanner = new StopScanner(sequences);
  const out = scanner.push(text);
  return { text: scanner.matched === null ? out + scanner.flush() : out, matched: scanner.matched };
}

/** A `stop` / `stop_sequences` value: absent, one string (`single`: OpenAI allows it), or up to `max` non-empty strings. */
export function stopSequencesOf(value: unknown, param: string, max: number, single: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (single && typeof value === 'string' && value.length > 0) return [value];
  if (!Array.isArray(value) || value.length > max || !value.every((s) => typeof s === 'string' && s.length > 0)) {
    throw new BadUserInputError(`${param} must be ${single ? 'a string or ' : ''}an array of at most ${max} non-empty strings`, param);
  }
  return value;
}
