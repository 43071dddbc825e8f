import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MailText } from '../MailText';

const html = (text: string) => renderToStaticMarkup(<MailText text={text} />);

describe('<MailText>', () => {
  it('makes every http(s) link clickable, whole, and keeps the rest as text', () => {
    const out = html('Choose a new password here: http://localhost:4000/reset-password?token=a%2Bb\n\nhttps://t.example/billing');
    expect(out).toContain('<a href="http://localhost:4000/reset-password?token=a%2Bb" target="_blank" rel="noreferrer noopener">');
    expect(out).toContain('<a href="https://t.example/billing"');
    expect(out).toContain('Choose a new password here: ');
  });

  it('escapes the text: a mail cannot inject markup or a javascript: link', () => {
    const out = html('<img src=x onerror=alert(1)> javascript:alert(1) "quoted"');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<a');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
