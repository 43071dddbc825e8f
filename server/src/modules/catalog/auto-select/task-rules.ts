/**
 * One scorer per task type. Each adds points for the evidence it finds and names it; the classifier
 * takes the highest score. Weights: 4–5 for evidence that nearly settles the type on its own (a code
 * fence, "translate into German", "summarize"), 2–3 for strong hints, 1 for weak ones.
 */
import type { TaskType } from './auto-select.types.js';
import { findTerms, type TextFeatures } from './text-features.js';

export interface TaskScore {
  score: number;
  signals: string[];
}

const TECH = [
  'python',
  'javascript',
  'typescript',
  'java',
  'rust',
  'golang',
  'c\\+\\+',
  'c#',
  'ruby',
  'php',
  'kotlin',
  'swift',
  'scala',
  'haskell',
  'sql',
  'postgres(?:ql)?',
  'mysql',
  'sqlite',
  'bash',
  'shell',
  'powershell',
  'regexp?',
  'react',
  'vue',
  'angular',
  'node(?:\\.js)?',
  'npm',
  'pnpm',
  'docker(?:file)?',
  'kubernetes',
  'git',
  'jest',
  'css',
  'html',
  'json',
  'yaml',
  'api',
  'redis',
  'graphql',
  'linux',
  'django',
  'flask',
  'rails',
  'cli',
  'div',
  'webpack',
  'vite',
];
const CODE_WORDS = [
  'function',
  'method',
  'variable',
  'compiler?',
  'compile',
  'bug',
  'debug',
  'refactor',
  'exception',
  'null',
  'undefined',
  'array',
  'query',
  'index(?:es)?',
  'schema',
  'endpoint',
  'script',
  'library',
  'framework',
  'repo',
  'commit',
  'deploy',
  'unit tests?',
  'loop',
  'recursion',
  'algorithm',
  'runtime',
  'syntax',
  'mutex',
  'threads?',
  'one-liner',
  'deadlocks?',
  'stack trace',
  'data structures?',
  'timeout',
  'ci',
];
const CODE_LINE = /[;{}]\s*$|=>|^\s*(?:def|const|let|var|fn|func|import|from|select|where|return|class|public|print)\b/i;
const STACK_TRACE = /^\s+at \S.*:\d+|Traceback \(most recent call last\)|^\s*File ".+", line \d+|\b[A-Z]\w*(?:Error|Exception): /m;

const MATH_WORDS = [
  'solve',
  'equations?',
  'prove',
  'proof',
  'theorem',
  'lemma',
  'integral',
  'derivative',
  'differentiate',
  'probability',
  'primes?',
  'calculate',
  'simplify',
  'divisible',
  'how many',
  'how much',
  'ratio',
  'average',
  'percent(?:age)?',
  'fraction',
  'logarithm',
  'without a calculator',
  'growth rate',
  'diverges?',
  'converges?',
  'reciprocals?',
  'sum of',
  'show that',
  'infinitely many',
  "what(?:'s|s| is) \\d+",
];
const MATH_NOTATION = /[∫∑∏√π≤≥≠∞²³]|\b\d+(?:\.\d+)?\s*% of \$?\d|\^\s*\(?\d|\b\d+\s*[*×÷/^]\s*\d|\b\d*[a-z]\s*[+-]\s*\d+\s*=|\b[a-z]\s*\(\s*[a-z]\s*\)\s*=/i;
const LOGIC = ['does it follow', 'logic puzzle', 'riddle', 'deduce', 'syllogism', 'always (?:lies|speaks|tells)', 'yes-no questions?', 'identities'];

const GENRES =
  'essay|story|stories|poem|haiku|e-?mail|letter|cover letter|note|post|blog|toast|speech|article|descriptions?|copy|' +
  'tagline|title|slogan|headline|chapter|novel|screenplay|scene|lyrics|song|bio|message|announcement|caption|tweet|' +
  'newsletter|readme|limerick|sonnet|eulogy|invitation|card|pitch';
const WRITE_REQUEST = new RegExp(`\\b(?:write|draft|compose|create|give me|come up with|turn [^.?!]{0,40} into)\\b[^.?!\\n]{0,60}?\\b(${GENRES})\\b`, 'i');
const EDITING = /\b(?:rewrite|rephrase|reword|proofread|paraphrase|polish)\b|\bmake (?:this|it)(?: \w+)? (?:clearer|shorter|more \w+|sound)/i;
const STYLE = [
  'in the style of',
  'tone',
  'funny',
  'heartfelt',
  'persuasive',
  'narrative',
  '(?:first|second|third) person',
  'characters?',
  'plot twist',
  'twist ending',
  'clichés?',
  'subtext',
];

const SUMMARY = [
  'summari[sz]e',
  'summary',
  'sum up',
  'tl;?dr',
  'recap',
  'gist',
  'key points',
  'main points',
  'key takeaways',
  'key decisions',
  'condense',
  'in a nutshell',
  'boil (?:it|this) down',
  'highlights',
];
const DOCUMENT = [
  'this (?:article|transcript|meeting|thread|paper|abstract|reviews?|document|report|changelog|clause|excerpt|email)',
  'these (?:reviews|notes|emails|threads)',
];

export const LANGUAGES = [
  'english',
  'spanish',
  'french',
  'german',
  'italian',
  'portuguese',
  'dutch',
  'russian',
  'chinese',
  'mandarin',
  'cantonese',
  'japanese',
  'korean',
  'arabic',
  'hindi',
  'turkish',
  'polish',
  'swedish',
  'norwegian',
  'danish',
  'finnish',
  'greek',
  'hebrew',
  'vietnamese',
  'thai',
  'indonesian',
  'ukrainian',
  'czech',
  'romanian',
  'hungarian',
  'persian',
  'farsi',
  'urdu',
  'bengali',
  'swahili',
  'tagalog',
  'inglés',
  'español',
  'francés',
  'anglais',
  'français',
  'englisch',
  'deutsch',
  'английский',
  'русский',
  '英文',
  '英语',
  '英語',
  '中文',
  '日本語',
];
const TRANSLATE = [
  'translat(?:e|ion|ing)',
  'locali[sz]e',
  'traduc(?:ir|e)',
  'tradu(?:is|ire|z|zir)',
  'übersetze?n?',
  'переведи',
  'перевести',
  'перевод',
  '翻译',
  '翻譯',
  '翻訳',
  '번역',
];
const ASK_WORD = /\b(?:how (?:do|would|can) (?:you|i) say|what(?:'s| is| does)?)\b.{0,60}?\b(?:mean )?in\s+([a-z]+)/i;

function add(s: TaskScore, points: number, signal: string): void {
  s.score += points;
  s.signals.push(signal);
}

function list(terms: string[], max = 3): string {
  return terms.slice(0, max).join(', ');
}

export function scoreCode(f: TextFeatures, raw: string): TaskScore {
  const s: TaskScore = { score: 0, signals: [] };
  if (f.fenced) add(s, 4, 'code fence');
  if (STACK_TRACE.test(raw)) add(s, 4, 'stack trace');
  if (/`[^`\s]*[._(-][^`]*`/.test(raw)) add(s, 2, 'inline code');
  const codeLines = raw.split('\n').filter((line) => CODE_LINE.test(line)).length;
  if (codeLines >= 2 && !f.fenced) add(s, 3, 'code-like lines');
  const tech = findTerms(f.lower, TECH).concat(/\b(?:in|with|using) Go\b/.test(raw) ? ['go'] : []);
  if (tech.length) add(s, Math.min(4, 2 * tech.length), `mentions ${list(tech)}`);
  const words = findTerms(f.lower, CODE_WORDS);
  if (words.length) add(s, Math.min(3, words.length), `programming terms (${list(words)})`);
  return s;
}

export function scoreReasoning(f: TextFeatures, raw: string): TaskScore {
  const s: TaskScore = { score: 0, signals: [] };
  if (MATH_NOTATION.test(f.fenced ? f.instruction : raw)) add(s, 3, 'math notation');
  const words = findTerms(f.instruction, MATH_WORDS);
  if (words.length) add(s, Math.min(6, 2 * words.length), `math words (${list(words)})`);
  const numbers = f.instruction.match(/(?:\$|\b)\d+(?:[.,]\d+)?\b/g)?.length ?? 0;
  if (numbers >= 3 && /\?|\b(?:what|how|when|which)\b/.test(f.instruction)) add(s, 2, `word problem (${numbers} numbers)`);
  const logic = findTerms(f.instruction, LOGIC);
  if (logic.length) add(s, 3, `logic puzzle (${list(logic, 2)})`);
  return s;
}

export function scoreWriting(f: TextFeatures): TaskScore {
  const s: TaskScore = { score: 0, signals: [] };
  const request = WRITE_REQUEST.exec(f.instruction);
  if (request) add(s, 4, `writing request: ${request[1]!.toLowerCase()}`);
  if (EDITING.test(f.instruction)) add(s, 3, 'editing request');
  const style = findTerms(f.instruction, STYLE);
  if (style.length) add(s, Math.min(2, style.length), `style constraints (${list(style)})`);
  return s;
}

export function scoreSummarization(f: TextFeatures): TaskScore {
  const s: TaskScore = { score: 0, signals: [] };
  const asks = findTerms(f.instruction, SUMMARY);
  if (asks.length) add(s, 4, `asks for a summary ("${asks[0]}")`);
  if (findTerms(f.instruction, DOCUMENT).length) add(s, 1, 'refers to a pasted document');
  if (f.pastedWords >= 120 && f.askWords <= 30) add(s, 1, `short ask over a long text (${f.pastedWords} words)`);
  return s;
}

export function scoreTranslation(f: TextFeatures): TaskScore {
  const s: TaskScore = { score: 0, signals: [] };
  const languages = findTerms(f.instruction, LANGUAGES);
  const verbs = findTerms(f.instruction, TRANSLATE);
  if (verbs.length && languages.length) add(s, 5, `asks to ${verbs[0]} (${list(languages, 2)})`);
  else if (verbs.length) add(s, 2, `mentions ${verbs[0]}`);
  const ask = ASK_WORD.exec(f.instruction);
  if (ask && findTerms(ask[1]!, LANGUAGES).length) add(s, 5, `asks for a phrase in ${ask[1]!.toLowerCase()}`);
  if (f.script && languages.length) add(s, 3, `${f.script} script with a target language`);
  return s;
}

const GREETING = /^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks|thank you|ok|cool)\b/i;
const ADVICE = ['recommend', 'suggest', 'should i', 'what can i try', 'tips', 'ideas', 'help me', 'worth', 'compare'];

export function scoreChat(f: TextFeatures): TaskScore {
  const s: TaskScore = { score: 1, signals: [] };
  if (GREETING.test(f.instruction)) add(s, 3, 'greeting or small talk');
  const advice = findTerms(f.instruction, ADVICE);
  if (advice.length) add(s, 1, `asks for advice (${list(advice, 2)})`);
  if (/\?\s*$|^\s*(?:what|who|when|where|why|how|which|is|are|can|do|does)\b/.test(f.instruction)) add(s, 1, 'question');
  return s;
}

export const SCORERS: Record<TaskType, (f: TextFeatures, raw: string) => TaskScore> = {
  translation: scoreTranslation,
  summarization: scoreSummarization,
  code: scoreCode,
  reasoning: scoreReasoning,
  writing: scoreWriting,
  chat: scoreChat,
};
