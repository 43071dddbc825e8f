import type { EstimateFigures, EstimateOutcome } from './client-estimate';

/** What the server's `estimateCost` answered: its figures, or the error code it raised. */
export type ServerAnswer = { ok: true; figures: EstimateFigures } | { ok: false; code: string; message: string };

export type Agreement =
  | { kind: 'match' }
  /** The fields whose values differ, for the screen to name. */
  | { kind: 'mismatch'; fields: (keyof EstimateFigures | 'outcome')[] };

const COMPARED: (keyof EstimateFigures)[] = ['model', 'inputTokens', 'maxOutputTokens', 'expectedCredits', 'maxCredits', 'affordable'];

/**
 * Whether the browser's estimate and the server's agree: every figure equal (to the micro-credit),
 * or both refusing with the same code. `affordable` is compared only when the browser knew the balance.
 */
export function serverAgreement(client: EstimateOutcome, server: ServerAnswer): Agreement {
  if (!client.ok || !server.ok) {
    const same = !client.ok && !server.ok && client.problem.code === server.code;
    return same ? { kind: 'match' } : { kind: 'mismatch', fields: ['outcome'] };
  }
  const fields = COMPARED.filter((field) => {
    if (field === 'affordable' && client.figures.affordable === null) return false;
    return client.figures[field] !== server.figures[field];
  });
  return fields.length === 0 ? { kind: 'match' } : { kind: 'mismatch', fields };
}
