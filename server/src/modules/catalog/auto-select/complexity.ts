/**
 * How capable a model the prompt needs. Points for a long prompt, a long detailed ask, many
 * requirements, several separate asks, words that mark hard domains, and a long requested output;
 * a point off when the user asks for something short. 0 or less is low, 1–2 medium, 3+ high.
 */
import type { Complexity } from './auto-select.types.js';
import { findTerms, type TextFeatures } from './text-features.js';

const HARD = [
  'prove',
  'proof',
  'show that',
  'theorem',
  'optimi[sz]e',
  'distributed',
  'concurren(?:t|cy)',
  'deadlocks?',
  'lock-free',
  'race conditions?',
  'scalab(?:le|ility)',
  'architecture',
  'trade-?offs?',
  'partitioning',
  'multi-tenant',
  'indemni\\w*',
  'liability',
  'legal',
  'law',
  'rhyme scheme',
  'meter',
  'rigorous(?:ly)?',
  'without oversimplifying',
  'identities',
  'diverges',
  'clock skew',
  'strategy',
  'roadmap',
];
const MODERATE = [
  'design',
  'implement',
  'explain why',
  'explain how',
  'step by step',
  'compare',
  'plan',
  'analy[sz]e',
  'derivative',
  'integral',
  'probability',
  'evaluate',
  'edge cases',
  'algorithm',
  'performance',
  'security',
  'risks?',
  'limitations',
  'detailed',
  'in depth',
  'comprehensive',
  'itinerary',
  'evidence',
];
const CONSTRAINTS = [
  'must',
  'should',
  'keep',
  'keeping',
  'avoid',
  'without',
  "don't",
  'do not',
  'not',
  'at least',
  'at most',
  'under',
  'no more than',
  'include',
  'including',
  'make sure',
  'ensure',
  'preserv(?:e|ing)',
  'exactly',
  'only',
  'each',
  'every',
  'bonus',
  'also',
  'then',
  'tone',
  'style',
];
const LONG_FORM = ['essay', 'chapter', 'novel', 'screenplay', 'report', 'story', 'white ?paper', 'pages'];
const SHORT = [
  'one sentence',
  'one-sentence',
  'two sentences',
  'one-liner',
  'one line',
  'two-line',
  'tl;?dr',
  'short',
  'brief',
  'quick',
  'a paragraph',
  'title',
  'in a word',
  'yes or no',
];
// An ask starts a sentence or follows "then", "and" or a comma: "summarize it, then list the risks".
const ASK_VERB =
  /(?:^|[.?!:,]\s+|\b(?:then|and)\s+)(?:explain|find|rewrite|suggest|compare|list|give|identify|flag|show|determine|write|design|implement|add|summari[sz]e|translate|address|end|introduce|plant|walk me|then)\b/g;

export interface ComplexityResult {
  complexity: Complexity;
  signals: string[];
}

/**
 * A number of words the user asks for ("2,000-word", "about 1500 words", "5 pages" ≈ 250 words
 * each). A cap ("under 300 words") limits the output rather than asking for it: 0.
 */
function requestedWords(instruction: string): number {
  const words = /(under|at most|no more than|max(?:imum)?|fewer than|less than)?\s*(\d[\d,]*)\s*-?\s*words?\b/.exec(instruction);
  if (words) return words[1] ? 0 : Number(words[2]!.replace(/,/g, ''));
  const pages = /(\d+)\s*pages?\b/.exec(instruction);
  return pages ? Number(pages[1]) * 250 : 0;
}

export function scoreComplexity(f: TextFeatures): ComplexityResult {
  let score = 0;
  const signals: string[] = [];
  const add = (points: number, signal: string) => {
    score += points;
    signals.push(signal);
  };

  if (f.words >= 600) add(2, `very long prompt (${f.words} words)`);
  else if (f.words >= 150) add(1, `long prompt (${f.words} words)`);
  else if (f.pastedWords >= 100) add(1, `pasted text to work on (${f.pastedWords} words)`);

  if (f.askWords >= 50) add(2, `detailed ask (${f.askWords} words)`);
  else if (f.askWords >= 25) add(1, `detailed ask (${f.askWords} words)`);

  const constraints = findTerms(f.instruction, CONSTRAINTS);
  const bullets = f.instruction.split('\n').filter((line) => /^\s*(?:[-*•]|\d+[.)])\s/.test(line)).length;
  const requirements = constraints.length + bullets;
  if (requirements >= 4) add(2, `${requirements} requirements`);
  else if (requirements >= 2) add(1, `${requirements} requirements`);

  const asks = (f.instruction.match(ASK_VERB)?.length ?? 0) + (f.instruction.match(/\?/g)?.length ?? 0);
  if (asks >= 3) add(1, `multi-step (${asks} asks)`);

  const quantities = f.instruction.match(/(?:\$|\b)\d+(?:[.,]\d+)?\b/g)?.length ?? 0;
  if (quantities >= 6) add(1, `many quantities (${quantities})`);

  const hard = findTerms(f.instruction, HARD);
  if (hard.length) add(Math.min(4, 3 * hard.length), `hard domain (${hard.slice(0, 3).join(', ')})`);
  const moderate = findTerms(f.instruction, MODERATE);
  if (moderate.length) add(Math.min(2, moderate.length), `needs care (${moderate.slice(0, 3).join(', ')})`);

  const wanted = requestedWords(f.instruction);
  if (wanted >= 1000) add(3, `asks for ~${wanted} words`);
  else if (wanted >= 300) add(1, `asks for ~${wanted} words`);
  else if (findTerms(f.instruction, LONG_FORM).length) add(1, 'long-form output');

  // A short answer about a long pasted text is still work: reading it is the task.
  const short = findTerms(f.instruction, SHORT);
  if ((short.length || (wanted > 0 && wanted < 100)) && f.pastedWords < 100) add(-1, `short answer requested${short.length ? ` (${short[0]})` : ''}`);

  const complexity: Complexity = score >= 3 ? 'high' : score >= 1 ? 'medium' : 'low';
  return { complexity, signals };
}
