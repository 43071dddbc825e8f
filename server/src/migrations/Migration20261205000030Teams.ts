import { Migration } from '@mikro-orm/migrations';

/**
 * Teams (docs/decisions/0055-teams.md). A team is an account holder like a person: a row of
 * `app_user` of kind `team` (it never signs in), so its credit account, tier, subscription, Stripe
 * customer, auto-recharge and gifts are the ones every user has. `team` names it and keeps its
 * billing contact; `team_member` joins people to it with a role and an optional spend cap;
 * `team_invitation` is an emailed invitation or a link (only the token's hash is stored).
 *
 * An API key belongs to one account (`account_id`: its owner's own, or a team they belong to) and may
 * carry a spend cap, an expiry and a model allow-list. Holds, ledger entries and usage events name
 * the member and key that spent (attribution; spend caps sum them per period, 0056-spend-caps.md).
 */
export class Migration20261205000030Teams extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column kind text not null default 'person' check (kind in ('person', 'team'));`);
    this.addSql(`
      create table team (
        id uuid primary key references app_user (id) on delete cascade,
        name text not null check (length(name) between 1 and 80),
        billing_email text not null,
        created_by uuid not null references app_user (id),
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table team_member (
        team_id uuid not null references team (id) on delete cascade,
        user_id uuid not null references app_user (id) on delete cascade,
        role text not null check (role in ('owner', 'admin', 'member')),
        cap_micro bigint null check (cap_micro >= 0),
        cap_period text null check (cap_period in ('day', 'week', 'month')),
        joined_at timestamptz not null default now(),
        primary key (team_id, user_id),
        check ((cap_micro is null) = (cap_period is null))
      );`);
    this.addSql(`create index team_member_user_index on team_member (user_id);`);
    this.addSql(`
      create table team_invitation (
        id uuid primary key,
        team_id uuid not null references team (id) on delete cascade,
        email text null,
        role text not null check (role in ('admin', 'member')),
        token_hash text not null unique,
        invited_by uuid not null references app_user (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        accepted_by uuid null references app_user (id),
        accepted_at timestamptz null,
        revoked_at timestamptz null
      );`);
    this.addSql(`create index team_invitation_team_index on team_invitation (team_id, created_at desc);`);

    this.addSql(`alter table api_key add column account_id uuid null references app_user (id) on delete cascade;`);
    this.addSql(`update api_key set account_id = user_id;`);
    this.addSql(`alter table api_key alter column account_id set not null;`);
    this.addSql(`
      alter table api_key
        add column cap_micro bigint null check (cap_micro >= 0),
        add column cap_period text null check (cap_period in ('day', 'week', 'month')),
        add column expires_at timestamptz null,
        add column allowed_models text[] null,
        add constraint api_key_cap_pair check ((cap_micro is null) = (cap_period is null));`);
    this.addSql(`create index api_key_account_index on api_key (account_id, created_at);`);

    this.addSql(`alter table credit_hold add column member_id uuid null, add column api_key_id uuid null;`);
    this.addSql(`alter table ledger_entry add column member_id uuid null, add column api_key_id uuid null;`);
    this.addSql(`create index ledger_entry_key_spend_index on ledger_entry (api_key_id, created_at) where api_key_id is not null;`);
    this.addSql(`create index ledger_entry_member_spend_index on ledger_entry (account_id, member_id, created_at) where member_id is not null;`);
    this.addSql(`alter table usage_event add column member_id uuid null;`);
    this.addSql(`create index usage_event_member_index on usage_event (user_id, member_id, created_at) where member_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists usage_event_member_index;`);
    this.addSql(`alter table usage_event drop column member_id;`);
    this.addSql(`drop index if exists ledger_entry_member_spend_index;`);
    this.addSql(`drop index if exists ledger_entry_key_spend_index;`);
    this.addSql(`alter table ledger_entry drop column member_id, drop column api_key_id;`);
    this.addSql(`alter table credit_hold drop column member_id, drop column api_key_id;`);
    this.addSql(`drop index if exists api_key_account_index;`);
    this.addSql(
      `alter table api_key drop constraint api_key_cap_pair, drop column cap_micro, drop column cap_period, drop column expires_at, drop column allowed_models, drop column account_id;`,
    );
    this.addSql(`drop table team_invitation;`);
    this.addSql(`drop table team_member;`);
    this.addSql(`drop table team;`);
    this.addSql(`alter table app_user drop column kind;`);
  }
}
