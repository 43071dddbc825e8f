import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { chosenModelProblem, pickerGroups, type PickableModel } from '../model-options';
import { ModelPicker } from '../ModelPicker';

const OPENAI_REASON = 'Its provider (OpenAI) is not configured on this server; add your own OpenAI key in Provider keys';
const MODELS: PickableModel[] = [
  { id: 'sandbox/echo', displayName: 'Sandbox echo', allowed: true, kind: 'chat', availability: { runnable: true } },
  { id: 'sandbox/embed', displayName: 'Sandbox embeddings', allowed: true, kind: 'embedding', availability: { runnable: true } },
  {
    id: 'openai/gpt-4o-mini',
    displayName: 'GPT-4o mini',
    allowed: true,
    kind: 'chat',
    availability: { runnable: false, reason: OPENAI_REASON, needsProviderKey: true },
  },
  { id: 'openai/gpt-4o', displayName: 'GPT-4o', allowed: true, kind: 'chat', availability: { runnable: false, reason: OPENAI_REASON, needsProviderKey: true } },
  {
    id: 'anthropic/claude-3-opus',
    displayName: 'Claude 3 Opus',
    allowed: false,
    kind: 'chat',
    availability: { runnable: false, reason: 'Not included in your Free tier; upgrade to use it.' },
  },
];

function render(value: string, onlyAllowed: boolean, models = MODELS): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <ModelPicker id="m" value={value} models={models} tierName="Free" onChange={() => {}} onlyAllowed={onlyAllowed} />
    </MemoryRouter>,
  );
}

/** The attributes of the <option> for `id`, as rendered. */
const optionFor = (html: string, id: string) => new RegExp(`<option value="${id.replace(/[/.]/g, '\\$&')}"[^>]*>[^<]*</option>`).exec(html)?.[0] ?? null;

describe('pickerGroups', () => {
  it('offers runnable chat models first, holds back the ones needing a key with their reason, and never offers embedding models', () => {
    const groups = pickerGroups(MODELS, true);
    expect(groups.runnable.map((o) => o.id)).toEqual(['sandbox/echo']);
    expect(groups.needKey.map((o) => o.id)).toEqual(['openai/gpt-4o-mini', 'openai/gpt-4o']);
    expect(groups.needKey.every((o) => o.disabled && o.reason === OPENAI_REASON)).toBe(true);
    expect(groups.outsideTier.map((o) => o.id)).toEqual(['anthropic/claude-3-opus']);
    expect([...groups.runnable, ...groups.needKey, ...groups.outsideTier].map((o) => o.id)).not.toContain('sandbox/embed');
    // One reason, counted once per model it holds back.
    expect(groups.keyReasons).toEqual([{ reason: OPENAI_REASON, count: 2 }]);
  });

  it('keeps held-back models pickable in the estimator (pricing before adding a key), labelled with what they need', () => {
    const groups = pickerGroups(MODELS, false);
    expect(groups.needKey.every((o) => !o.disabled)).toBe(true);
    expect(groups.needKey[0]!.label).toBe('GPT-4o mini (openai/gpt-4o-mini) — needs a provider key');
  });

  it('treats a model without availability (an older answer) as runnable when its tier allows it', () => {
    const groups = pickerGroups([{ id: 'x/y', displayName: 'Y', allowed: true }], true);
    expect(groups.runnable.map((o) => o.id)).toEqual(['x/y']);
  });

  it('says why the chosen model cannot run, and nothing for auto or a runnable model', () => {
    expect(chosenModelProblem(MODELS, 'openai/gpt-4o')).toBe(OPENAI_REASON);
    expect(chosenModelProblem(MODELS, 'auto')).toBeNull();
    expect(chosenModelProblem(MODELS, 'sandbox/echo')).toBeNull();
  });
});

describe('ModelPicker', () => {
  it('defaults to auto, disables in the playground every model that cannot run, with the reason as its title', () => {
    const html = render('auto', true);
    expect(html).toMatch(/<option value="auto" selected="">Auto — picks a model you can run<\/option>/);
    expect(optionFor(html, 'sandbox/echo')).not.toContain('disabled');
    expect(optionFor(html, 'openai/gpt-4o-mini')).toContain('disabled=""');
    expect(optionFor(html, 'openai/gpt-4o-mini')).toContain(`title="${OPENAI_REASON}"`);
    expect(optionFor(html, 'anthropic/claude-3-opus')).toContain('disabled=""');
    expect(optionFor(html, 'sandbox/embed')).toBeNull();
    expect(html).toContain('<optgroup label="Need a provider key">');
  });

  it('notes how many more models need a provider key, with each reason and where to add one', () => {
    const html = render('auto', true);
    expect(html).toContain('2 more models need a provider key');
    expect(html).toContain(`${OPENAI_REASON} (2 models)`);
    expect(html).toContain('href="/provider-keys"');
  });

  it("shows the chosen model's reason under the picker when it cannot run (the estimator)", () => {
    const html = render('openai/gpt-4o', false);
    expect(optionFor(html, 'openai/gpt-4o')).not.toContain('disabled');
    expect(html).toContain(`data-testid="model-unavailable-reason">${OPENAI_REASON}</p>`);
  });

  it('shows no note when every allowed model can run', () => {
    const html = render('auto', true, MODELS.slice(0, 2));
    expect(html).not.toContain('model-picker-note');
    expect(html).not.toContain('Need a provider key');
  });
});
