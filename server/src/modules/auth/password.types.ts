import { Field, InputType } from 'type-graphql';

@InputType()
export class ChangePasswordInput {
  @Field()
  currentPassword!: string;

  @Field({ description: 'Same rules as sign-up.' })
  newPassword!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The `token` of the reset link mailed by requestPasswordReset.' })
  token!: string;

  @Field({ description: 'Same rules as sign-up.' })
  newPassword!: string;
}
