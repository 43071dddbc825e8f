import { describe, expect, it } from 'vitest';
import { otherTheme, parseStoredTheme, resolveTheme } from '../theme';

describe('theme choice', () => {
  it('follows the operating system until the user picks', () => {
    expect(resolveTheme(null, true)).toBe('dark');
    expect(resolveTheme(null, false)).toBe('light');
  });

  it("keeps the user's pick whatever the operating system prefers", () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('ignores stored values it does not recognise', () => {
    expect(parseStoredTheme('dark')).toBe('dark');
    expect(parseStoredTheme('solarized')).toBeNull();
    expect(parseStoredTheme(null)).toBeNull();
  });

  it('toggles between the two themes', () => {
    expect(otherTheme('light')).toBe('dark');
    expect(otherTheme('dark')).toBe('light');
  });
});
