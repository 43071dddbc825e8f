/**
 * What a model picker offers (docs/decisions/0046-runnable-models.md): chat models only (embedding
 * models answer no prompt), those that can run for the user now first, then the ones that cannot
 * with the server's reason. Pure, so the picker's rules are unit-tested without a browser.
 */

export interface ModelAvailability {
  runnable: boolean;
  reason?: string | null;
  needsProviderKey?: boolean;
}

export interface PickableModel {
  id: string;
  displayName: string;
  allowed: boolean;
  /** chat or embedding; a model without one is chat. */
  kind?: string | null;
  /** From the server (Model.availability); absent means an older answer: treated as runnable when allowed. */
  availability?: ModelAvailability | null;
}

export interface PickerOption {
  id: string;
  label: string;
  /** Why it cannot run now (shown as the option's title and in the note); null when it can. */
  reason: string | null;
  disabled: boolean;
}

export interface PickerGroups {
  runnable: PickerOption[];
  /** Allowed by the tier, but no provider key can serve them now. */
  needKey: PickerOption[];
  /** Outside the tier. */
  outsideTier: PickerOption[];
  /** Each distinct reason a model needs a key, with how many models it holds back, for the note. */
  keyReasons: Array<{ reason: string; count: number }>;
}

const runnableOf = (m: PickableModel) => m.availability?.runnable ?? m.allowed;

/**
 * `onlyRunnable` (the playground: a run would only be refused) disables every model that cannot run;
 * otherwise (the estimator: pricing a model before adding its key is worth it) they stay pickable,
 * labelled with what they need.
 */
export function pickerGroups(models: readonly PickableModel[], onlyRunnable: boolean): PickerGroups {
  const chat = models.filter((m) => (m.kind ?? 'chat') === 'chat');
  const option = (m: PickableModel, note: string | null): PickerOption => ({
    id: m.id,
    label: `${m.displayName} (${m.id})${note ? ` — ${note}` : ''}`,
    reason: runnableOf(m) ? null : (m.availability?.reason ?? null),
    disabled: onlyRunnable && !runnableOf(m),
  });
  const runnable = chat.filter((m) => m.allowed && runnableOf(m));
  const needKey = chat.filter((m) => m.allowed && !runnableOf(m));
  const outsideTier = chat.filter((m) => !m.allowed);
  const counts = new Map<string, number>();
  for (const m of needKey) {
    const reason = m.availability?.reason;
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return {
    runnable: runnable.map((m) => option(m, null)),
    needKey: needKey.map((m) => option(m, 'needs a provider key')),
    outsideTier: outsideTier.map((m) => option(m, null)),
    keyReasons: [...counts].map(([reason, count]) => ({ reason, count })),
  };
}

/** The reason the chosen model cannot run now, or null (auto always runs: it picks among runnable models). */
export function chosenModelProblem(models: readonly PickableModel[], value: string): string | null {
  const model = models.find((m) => m.id === value);
  if (!model || runnableOf(model)) return null;
  return model.availability?.reason ?? null;
}
