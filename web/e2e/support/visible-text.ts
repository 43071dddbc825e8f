import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * What a person must never read on a screen (issue 14: "no internal text on any screen"), and how a
 * screen's visible text is read for it.
 *
 * Exempt on purpose: elements marked `data-detail` (an admin's "details" area that shows an id or an
 * exact 6-digit amount because someone asked to see it). Hover titles and CSV exports are not
 * visible text, so they keep the exact values without a mark.
 */

const ERRORS_TS = new URL('../../../server/src/platform/errors.ts', import.meta.url);

/** Every CAPS_SNAKE code the server's error formatting can put in `extensions.code` / `reason`. */
export const ERROR_CODE_WORDS: readonly string[] = [
  ...new Set([...readFileSync(ERRORS_TS, 'utf8').matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)].map((m) => m[1]!)),
];

export interface InternalTextRule {
  name: string;
  pattern: RegExp;
}

export const INTERNAL_TEXT_RULES: readonly InternalTextRule[] = [
  { name: 'an error code', pattern: new RegExp(`\\b(?:${ERROR_CODE_WORDS.join('|')})\\b`) },
  { name: 'a design document', pattern: /\b(?:CONTRACT|DESIGN)\.md\b/ },
  { name: 'a raw UUID', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
  { name: '"undefined"', pattern: /\bundefined\b/ },
  { name: '"NaN"', pattern: /\bNaN\b/ },
  { name: '"[object Object]"', pattern: /\[object Object\]/ },
  // The API's exact form of an amount (micro-credits: "9.995485", "10.000000"); summaries show 2 digits.
  // Not an amount under 0.005 written with the digits it needs ("0.000077"): format-money.ts shows a
  // tiny charge so rather than as "0.00", and such a figure never ends in a zero.
  { name: 'an amount with 6 fraction digits', pattern: /(?<![\d.])(?!0\.00\d{3}[1-9](?!\d))\d[\d,]*\.\d{6}(?!\d)/ },
];

export interface InternalTextFinding {
  rule: string;
  match: string;
  /** The line it was found on, for the failure message. */
  line: string;
}

export function internalTextFindings(text: string): InternalTextFinding[] {
  const findings: InternalTextFinding[] = [];
  for (const line of text.split('\n')) {
    for (const rule of INTERNAL_TEXT_RULES) {
      const match = rule.pattern.exec(line);
      if (match) findings.push({ rule: rule.name, match: match[0], line: line.trim().slice(0, 160) });
    }
  }
  return findings;
}

/** document.body.innerText without the `data-detail` areas (hidden for the read, then shown again). */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const details = [...document.querySelectorAll<HTMLElement>('[data-detail]')];
    const before = details.map((el) => el.style.display);
    details.forEach((el) => (el.style.display = 'none'));
    try {
      return document.body.innerText;
    } finally {
      details.forEach((el, i) => (el.style.display = before[i]!));
    }
  });
}

/** The literal `path: '…'` entries of a route table source file (the e2e suite cannot import the SPA). */
export function routePaths(file: URL): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bpath: '(\/[^']*)'/g)].map((m) => m[1]!);
}
