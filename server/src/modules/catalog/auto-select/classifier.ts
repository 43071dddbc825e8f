/**
 * Transparent, rule-based task classification for `model: "auto"`: keyword and feature scores per
 * task type (task-rules.ts) and a points-based complexity (complexity.ts). No I/O and no model, so
 * it is fast, deterministic and explainable: `signals` says what fired.
 */
import { TASK_TYPES, type Classification, type TaskType } from './auto-select.types.js';
import { scoreComplexity } from './complexity.js';
import { SCORERS, type TaskScore } from './task-rules.js';
import { countWords, textFeatures } from './text-features.js';

/**
 * Prompts can be hundreds of kilobytes of pasted logs; the ask and its evidence sit near the start,
 * so rules read only this much. What lies beyond is pasted material and still counts as words.
 */
const ANALYSED_CHARS = 20_000;

/**
 * When two types score the same, the more specific one wins: an explicit "translate" or
 * "summarize" beats code that happens to be in the input, and chat is what is left.
 */
const TIE_ORDER: readonly TaskType[] = ['translation', 'summarization', 'code', 'reasoning', 'writing', 'chat'];

export function classifyTask(prompt: string): Classification {
  const head = prompt.slice(0, ANALYSED_CHARS);
  const features = textFeatures(head);
  if (prompt.length > head.length) {
    const beyond = countWords(prompt.slice(ANALYSED_CHARS));
    features.words += beyond;
    features.pastedWords += beyond;
  }

  const scores = new Map<TaskType, TaskScore>(TASK_TYPES.map((type) => [type, SCORERS[type](features, head)]));
  const taskType = TIE_ORDER.reduce((best, type) => (scores.get(type)!.score > scores.get(best)!.score ? type : best));

  const winner = scores.get(taskType)!;
  const { complexity, signals: complexitySignals } = scoreComplexity(features);
  const signals = winner.signals.length ? [...winner.signals] : ['no specific task signals, treated as chat'];
  return { taskType, complexity, signals: [...signals, ...complexitySignals] };
}
