/** What `model: "auto"` works with: a prompt's classification and the models it may choose from. */

export const TASK_TYPES = ['code', 'reasoning', 'writing', 'summarization', 'translation', 'chat'] as const;
/** `reasoning` covers maths and logic; `chat` is everything conversational that fits nowhere else. */
export type TaskType = (typeof TASK_TYPES)[number];

export const COMPLEXITIES = ['low', 'medium', 'high'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export interface Classification {
  taskType: TaskType;
  complexity: Complexity;
  /** What fired, in plain words, for the reasoning shown to users ("code fence", "stack trace"). */
  signals: string[];
}

export interface Candidate {
  id: string;
  displayName: string;
  /** 1..5, from the catalog seed (docs/decisions/0005-auto-model-selection.md). */
  quality: number;
  strengths: TaskType[];
  /** Allowed by the user's tier. */
  allowed: boolean;
  /**
   * Why it cannot run for this user now (its provider has no platform key and the user no key of
   * their own), for people; null or absent when it can. Checked after the tier, before the balance.
   */
  unavailableBecause?: string | null;
  /** The user's available balance covers `maxCostMicro`. */
  affordable: boolean;
  /** Worst-case charge for this request, in micro-credits. */
  maxCostMicro: bigint;
  contextWindow: number;
  inputTokens: number;
}

export interface Alternative {
  id: string;
  maxCostMicro: bigint;
  /** Why it was not chosen; null for a runner-up that fit but cost more. */
  rejectedBecause: string | null;
}

export interface Selection {
  model: Candidate | null;
  reasoning: string;
  alternatives: Alternative[];
}
