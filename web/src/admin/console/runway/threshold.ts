/** The runway watch's default threshold, as the API's (docs/analytics.md). */
export const DEFAULT_THRESHOLD = 7;

/** Why a threshold cannot be asked for (then the default is shown and nothing else is queried). */
export function thresholdProblem(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return 'Enter a number of days';
  if (!/^\d+(\.\d+)?$/.test(text)) return 'Enter a number of days such as 7 or 3.5';
  const days = Number(text);
  if (days <= 0) return 'Enter more than 0 days';
  if (days > 3650) return 'At most 3650 days';
  return undefined;
}
