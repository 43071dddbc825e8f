import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Role as RoleValue } from '@tollgate/shared';

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
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'The whole key. Shown once: Tollgate stores only its hash.' })
  secret!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field(() => [String])
  scopes!: string[];
}
