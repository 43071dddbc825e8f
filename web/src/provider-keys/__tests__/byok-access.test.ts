import { describe, expect, it } from 'vitest';
import { byokLockedMessage } from '../byok-access';

const FREE = { code: 'free', name: 'Free', byokAllowed: false };
const STARTER = { code: 'starter', name: 'Starter', byokAllowed: false };
const PRO = { code: 'pro', name: 'Pro', byokAllowed: true };
const TEAM = { code: 'team', name: 'Team', byokAllowed: true };

describe('byokLockedMessage', () => {
  it('names the cheapest tier that allows BYOK', () => {
    expect(byokLockedMessage(FREE, [FREE, STARTER, PRO, TEAM])).toBe("Your Free tier uses Tollgate's provider keys. Upgrade to Pro to use your own keys.");
  });
  it('says nothing on a tier that allows it', () => {
    expect(byokLockedMessage(PRO, [FREE, PRO])).toBeNull();
  });
  it('does not promise an upgrade no tier offers', () => {
    expect(byokLockedMessage(FREE, [FREE, STARTER])).toBe("Your Free tier uses Tollgate's provider keys. No tier offers your own keys at the moment.");
  });
});
