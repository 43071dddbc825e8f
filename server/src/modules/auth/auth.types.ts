import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Role as RoleValue } from '@tollgate/shared';
import { CapSpend, SpendCapInput, SpendCapType } from './spend-cap.types.js';

export const Role = { user: 'user', admin: 'admin' } as const satisfies Record<RoleValue, RoleValue>;
registerEnumType(Role, { name: 'Role', description: 'What a user may do: `admin` adds the admin console.' });

@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: RoleValue;

  /** Resolved to the full tier by the catalog's User.tier field resolver. */
  tierCode!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@InputType()
export class SignUpInput {
  @Field()
  email!: string;

  @Field()
  password!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "A referral code (the `ref` of someone's referral link). An unknown code refuses the sign-up (BAD_USER_INPUT, reason UNKNOWN_REFERRAL_CODE); leave it out to sign up without one.",
  })
  referralCode?: string | null;
}

@InputType()
export class SignInInput {
  @Field()
  email!: string;

  @Field()
  password!: string;
}

@ObjectType()
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The start of the key, to tell keys apart; the secret is never shown again.' })
  prefix!: string;

  @Field(() => [String], { description: 'Any of "completions", "read", "admin".' })
  scopes!: string[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => ID, { description: "The account the key spends from: its owner's own id, or a team's." })
  accountId!: string;

  @Field({ description: "The person who created the key (on a team, owners and admins see every member's keys)." })
  ownerEmail!: string;

  @Field(() => SpendCapType, { nullable: true, description: 'At most this much spent per period through the key; none when null.' })
  cap!: SpendCapType | null;

  @Field(() => CapSpend, { nullable: true, description: "The cap's current period and what the key spent in it; null without a cap." })
  capSpend!: CapSpend | null;

  @Field(() => Date, { nullable: true, description: 'After this instant the key is refused (UNAUTHENTICATED "API key has expired").' })
  expiresAt!: Date | null;

  @Field(() => [String], { nullable: true, description: "The only models the key may call; null: every model its account's tier allows." })
  allowedModels!: string[] | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'The whole key. Shown once: Tollgate stores only its hash.' })
  secret!: string;
}

@InputType({ description: 'A key on the acting account (a team key when acting for a team), owned by the caller.' })
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => SpendCapInput, { nullable: true })
  cap?: SpendCapInput | null;

  @Field(() => Date, { nullable: true, description: 'Must be in the future (at most 10 years ahead).' })
  expiresAt?: Date | null;

  @Field(() => [String], { nullable: true, description: 'Catalog model ids (at most 50); leave out to allow every model.' })
  allowedModels?: string[] | null;
}

@InputType({ description: "Replaces all three of a key's limits: a null or missing one is cleared." })
export class SetApiKeyLimitsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => SpendCapInput, { nullable: true })
  cap?: SpendCapInput | null;

  @Field(() => Date, { nullable: true, description: 'Must be in the future (at most 10 years ahead).' })
  expiresAt?: Date | null;

  @Field(() => [String], { nullable: true, description: 'Catalog model ids (at most 50); null allows every model.' })
  allowedModels?: string[] | null;
}
