import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NO_LIMITS } from '../key-limits';
import { KeyLimitsFields } from '../KeyLimitsFields';

const html = (element: React.ReactElement) => renderToStaticMarkup(element).replace(/<!-- -->/g, '');
const render = (props: Partial<React.ComponentProps<typeof KeyLimitsFields>>) =>
  html(<KeyLimitsFields value={NO_LIMITS} onChange={() => {}} errors={{}} models={['sandbox/echo', 'openai/gpt-4o']} today="2026-12-05" {...props} />);

describe('<KeyLimitsFields>', () => {
  it('labels every limit with the names the tests and screen readers use', () => {
    const out = render({});
    for (const label of ['Spend cap (credits)', 'Cap period', 'Expires after', 'Only some models']) expect(out).toContain(label);
    expect(out).toContain('<option value="DAY" selected="">per day</option>');
    expect(out).toContain('min="2026-12-05"');
  });

  it('lists the models only once the key is limited to some, ticking the chosen ones', () => {
    expect(render({})).not.toContain('key-model-sandbox/echo');
    const out = render({ value: { ...NO_LIMITS, restrictModels: true, models: ['sandbox/echo'] } });
    expect(out).toContain('<input type="checkbox" data-testid="key-model-sandbox/echo" checked=""/>');
    expect(out).toContain('<input type="checkbox" data-testid="key-model-openai/gpt-4o"/>');
  });

  it('keeps a chosen model the tier no longer offers, so it can be unticked', () => {
    const out = render({ value: { ...NO_LIMITS, restrictModels: true, models: ['old/model'] } });
    expect(out).toContain('key-model-old/model');
  });

  it('shows each problem beside its field', () => {
    const out = render({ errors: { capAmount: 'Amount must be greater than zero', expiresOn: 'Choose today or a later day' } });
    expect(out).toContain('data-testid="key-cap-error">Amount must be greater than zero<');
    expect(out).toContain('data-testid="key-expires-error">Choose today or a later day<');
    expect(out).toContain('aria-invalid="true"');
  });
});
