/** Cheap facts about a prompt that both the task-type rules and the complexity rules read. */

const FENCE = /```[\s\S]*?(?:```|$)/g;

// Scripts a prompt can be written in beyond Latin; each name is what the signal shows users.
const SCRIPTS: Array<[string, RegExp]> = [
  ['Chinese/Japanese', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Korean', /\p{Script=Hangul}/gu],
  ['Cyrillic', /\p{Script=Cyrillic}/gu],
  ['Arabic', /\p{Script=Arabic}/gu],
  ['Devanagari', /\p{Script=Devanagari}/gu],
  ['Greek', /\p{Script=Greek}/gu],
  ['Hebrew', /\p{Script=Hebrew}/gu],
  ['Thai', /\p{Script=Thai}/gu],
];

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

export interface TextFeatures {
  /** The whole prompt, lower-cased. */
  lower: string;
  /** The ask itself: the prompt without fenced code and, when a long text was pasted after it, without that text. */
  instruction: string;
  /** Words in `instruction`. */
  askWords: number;
  /** Approximate word count of the whole prompt (CJK characters count as ~2 per word). */
  words: number;
  /** Words in the pasted part (fenced blocks and the text after the ask); 0 when nothing was pasted. */
  pastedWords: number;
  fenced: boolean;
  /** The non-Latin script with at least 5 characters in the prompt, if any. */
  script: string | null;
}

export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const other = text
    .replace(CJK, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return other + Math.ceil(cjk / 2);
}

/**
 * Users put the ask first and paste the material after a colon or a blank line ("Summarize this:
 * <article>"). A later part counts as pasted only when it is long enough to be material rather than
 * a second sentence of the ask.
 */
function splitInstruction(unfenced: string): { instruction: string; pasted: string } {
  const match = /:[ \t]*\n|\n\s*\n/.exec(unfenced);
  if (match) {
    const after = unfenced.slice(match.index + match[0].length);
    if (countWords(after) >= 25) return { instruction: unfenced.slice(0, match.index), pasted: after };
  }
  return { instruction: unfenced, pasted: '' };
}

export function textFeatures(prompt: string): TextFeatures {
  const fences = prompt.match(FENCE) ?? [];
  const unfenced = prompt.replace(FENCE, ' ');
  const { instruction, pasted } = splitInstruction(unfenced);
  const script = SCRIPTS.find(([, re]) => (prompt.match(re)?.length ?? 0) >= 5)?.[0] ?? null;
  return {
    lower: prompt.toLowerCase(),
    instruction: instruction.toLowerCase(),
    askWords: countWords(instruction),
    words: countWords(prompt),
    pastedWords: countWords(pasted) + fences.reduce((n, f) => n + countWords(f), 0),
    fenced: fences.length > 0,
    script,
  };
}

// Scripts written without spaces (Chinese, Japanese) have no word boundaries to look for.
const WORD_CHAR = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{N}_]';

/**
 * Which of `terms` occur in `text` as whole words, each reported as the text it matched, lower-cased
 * ("summari[sz]e" → "summarise"), so signals read as words rather than patterns.
 */
export function findTerms(text: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms) {
    const match = new RegExp(`(?<!${WORD_CHAR})(?:${term})(?!${WORD_CHAR})`, 'iu').exec(text);
    if (match) found.push(match[0].toLowerCase());
  }
  return found;
}
