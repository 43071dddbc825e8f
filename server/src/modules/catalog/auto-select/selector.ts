/**
 * Picks the model for `model: "auto"`: the cheapest model the user may use and afford whose
 * context window holds the prompt and whose quality meets the bar for the task. Pure: the catalog
 * service supplies candidates already priced for this request and checked against tier and balance.
 */
import { formatCredits } from '@tollgate/shared';
import type { Alternative, Candidate, Classification, Complexity, Selection, TaskType } from './auto-select.types.js';

export interface SelectionInput {
  classification: Classification;
  candidates: Candidate[];
}

const BASE_QUALITY: Record<Complexity, number> = { low: 1, medium: 3, high: 4 };
/** Hard code and maths fail in ways a user cannot easily spot, so they need the top models. */
const EXACTING: readonly TaskType[] = ['code', 'reasoning'];
const SIGNALS_SHOWN = 4;

export function requiredQuality({ taskType, complexity }: Classification): number {
  const bump = complexity === 'high' && EXACTING.includes(taskType) ? 1 : 0;
  return Math.min(5, BASE_QUALITY[complexity] + bump);
}

/** A model strong at the task type counts one point higher for it. */
export function effectiveQuality(candidate: Candidate, taskType: TaskType): number {
  return candidate.quality + (candidate.strengths.includes(taskType) ? 1 : 0);
}

function qualityText(candidate: Candidate, taskType: TaskType): string {
  const bonus = candidate.strengths.includes(taskType) ? ` (${candidate.quality} + 1 for its ${taskType} strength)` : '';
  return `quality ${effectiveQuality(candidate, taskType)}${bonus}`;
}

/** Why a candidate cannot serve the request at all, whatever the quality bar; null when it can. */
function unusableBecause(c: Candidate): string | null {
  if (!c.allowed) return 'not included in your tier';
  if (c.unavailableBecause) return c.unavailableBecause;
  if (!c.affordable) return `your balance does not cover its worst-case cost of ${formatCredits(c.maxCostMicro)} credits`;
  if (c.inputTokens >= c.contextWindow) {
    return `the prompt (${c.inputTokens} tokens) leaves no room in its ${c.contextWindow}-token context window`;
  }
  return null;
}

/** Cheapest first; at equal cost the better model, then the id, so the choice never depends on input order. */
function byCostThenQuality(taskType: TaskType) {
  return (a: Candidate, b: Candidate) =>
    a.maxCostMicro !== b.maxCostMicro
      ? a.maxCostMicro < b.maxCostMicro
        ? -1
        : 1
      : effectiveQuality(b, taskType) - effectiveQuality(a, taskType) || compareIds(a, b);
}

/** Best first; at equal quality the cheaper, then the id. */
function byQualityThenCost(taskType: TaskType) {
  return (a: Candidate, b: Candidate) =>
    effectiveQuality(b, taskType) - effectiveQuality(a, taskType) ||
    (a.maxCostMicro !== b.maxCostMicro ? (a.maxCostMicro < b.maxCostMicro ? -1 : 1) : compareIds(a, b));
}

function compareIds(a: Candidate, b: Candidate): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function describe(c: Classification): string {
  const shown = c.signals.slice(0, SIGNALS_SHOWN).join(', ');
  return `Classified as ${c.taskType}, ${c.complexity} complexity${shown ? ` (signals: ${shown})` : ''}.`;
}

export function selectModel({ classification, candidates }: SelectionInput): Selection {
  const { taskType, complexity } = classification;
  const required = requiredQuality(classification);
  const rejected = new Map<string, string>();
  for (const c of candidates) {
    const reason = unusableBecause(c);
    if (reason) rejected.set(c.id, reason);
  }
  const usable = candidates.filter((c) => !rejected.has(c.id));
  const fits = usable.filter((c) => effectiveQuality(c, taskType) >= required).sort(byCostThenQuality(taskType));
  for (const c of usable) {
    if (effectiveQuality(c, taskType) < required) {
      rejected.set(c.id, `${qualityText(c, taskType)} is below the ${required} needed for ${complexity}-complexity ${taskType}`);
    }
  }

  let model: Candidate | null;
  let why: string;
  if (fits.length) {
    model = fits[0]!;
    why = `Chose ${model.displayName}: the cheapest model you can use with quality ≥ ${required} for ${taskType} (${qualityText(model, taskType)}, at most ${formatCredits(model.maxCostMicro)} credits).`;
  } else if (usable.length) {
    model = [...usable].sort(byQualityThenCost(taskType))[0]!;
    why = `No model you can use reaches quality ${required} for ${taskType}, so chose the best available, ${model.displayName} (${qualityText(model, taskType)}, at most ${formatCredits(model.maxCostMicro)} credits).`;
  } else {
    model = null;
    why = noModelReason(candidates);
  }

  const runnersUp = fits.filter((c) => c !== model);
  const others = candidates.filter((c) => c !== model && !runnersUp.includes(c)).sort(byCostThenQuality(taskType));
  const alternatives: Alternative[] = [
    ...runnersUp.map((c) => ({ id: c.id, maxCostMicro: c.maxCostMicro, rejectedBecause: null })),
    // Every candidate that is neither chosen nor a runner-up was unusable or below the bar, so has a reason.
    ...others.map((c) => ({ id: c.id, maxCostMicro: c.maxCostMicro, rejectedBecause: rejected.get(c.id)! })),
  ];
  return { model, reasoning: `${describe(classification)} ${why}`, alternatives };
}

function noModelReason(candidates: Candidate[]): string {
  if (!candidates.length) return 'No model is available to choose from.';
  const allowed = candidates.filter((c) => c.allowed);
  if (!allowed.length) return 'No model could be chosen: none is included in your tier.';
  const runnable = allowed.filter((c) => !c.unavailableBecause);
  if (!runnable.length) return 'No model could be chosen: no provider of a model your tier includes is configured for you.';
  const affordable = runnable.filter((c) => c.affordable);
  if (!affordable.length) return 'No model could be chosen: your balance does not cover the worst-case cost of any model your tier includes.';
  return 'No model could be chosen: the prompt is too long for the context window of every model you can use.';
}
