import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../filters';
import { csvFileName, transactionsCsv, type ExportedTransaction } from '../transactions-csv';

const grant: ExportedTransaction = {
  id: '6f1c2a9e-0000-4000-8000-000000000001',
  type: 'ADMIN_GRANT',
  amount: '12.500000',
  balanceAfter: '22.500000',
  description: 'Goodwill, for the "outage"',
  reference: null,
  actorType: 'admin',
  createdAt: '2025-03-01T10:00:00.000Z',
  memberEmail: null,
  apiKeyName: null,
};

describe('transactionsCsv', () => {
  it('starts with a header row', () => {
    expect(transactionsCsv([])).toBe('id,created_at,type,description,amount,balance_after,reference,actor_type,member_email,api_key_name\r\n');
  });

  it('writes amounts as the exact decimal strings, signs included, and quotes free text', () => {
    const spend: ExportedTransaction = {
      ...grant,
      id: 'x',
      type: 'USAGE',
      amount: '-0.000123',
      balanceAfter: '22.499877',
      description: 'gpt\nsummary',
      reference: 'call:abc',
      actorType: 'api_key',
      memberEmail: 'ann@example.com',
      apiKeyName: '=ci',
    };
    const [, first, second] = transactionsCsv([grant, spend]).split('\r\n');
    expect(first).toBe('6f1c2a9e-0000-4000-8000-000000000001,2025-03-01T10:00:00.000Z,ADMIN_GRANT,"Goodwill, for the ""outage""",12.500000,22.500000,,admin,,');
    expect(second).toBe('x,2025-03-01T10:00:00.000Z,USAGE,"gpt\nsummary",-0.000123,22.499877,call:abc,api_key,ann@example.com,\'=ci');
  });

  it('makes a description that looks like a formula inert, but not the amount', () => {
    const row = transactionsCsv([{ ...grant, description: '=1+1', amount: '-1.000000' }]).split('\r\n')[1];
    expect(row).toContain(",'=1+1,-1.000000,");
  });
});

describe('csvFileName', () => {
  const now = new Date(2025, 2, 5, 12);

  it('dates an unfiltered export', () => {
    expect(csvFileName(NO_FILTERS, now)).toBe('tollgate-transactions_2025-03-05.csv');
  });

  it('names the filters', () => {
    expect(csvFileName({ ...NO_FILTERS, types: ['USAGE', 'ADMIN_GRANT'], from: '2025-03-01', to: '2025-03-31' }, now)).toBe(
      'tollgate-transactions_usage+admin-grant_from-2025-03-01_to-2025-03-31.csv',
    );
  });

  it('names a member and a key filter by the start of their ids', () => {
    const filters = { ...NO_FILTERS, from: '2025-03-01', memberId: '0b9f6c3e-1d2a-4c5b-8e7f-112233445566', apiKeyId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' };
    expect(csvFileName(filters, now)).toBe('tollgate-transactions_from-2025-03-01_member-0b9f6c3e_key-a1b2c3d4.csv');
  });
});
