import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../ledger/index.js';

@ObjectType({ description: 'One kind of mail Tollgate may send you, and whether you receive it.' })
export class NotificationSetting {
  @Field({ description: 'password_reset, password_changed, low_balance, past_due, payment_receipt, gift_link, team_invitation.' })
  kind!: string;

  @Field({ description: 'When the mail is sent, for people.' })
  description!: string;

  @Field({ description: 'False for mail your account needs (security, billing, links you asked for): always sent.' })
  canTurnOff!: boolean;

  @Field()
  enabled!: boolean;
}

@ObjectType({ description: 'A mail Tollgate sent, kept in the development outbox, failed to deliver, or suppressed by an opt-out.' })
export class OutboxMail {
  @Field(() => ID)
  id!: string;

  @Field()
  to!: string;

  @Field(() => ID, { nullable: true, description: 'The account the mail is about; null for an address without one.' })
  userId!: string | null;

  @Field()
  kind!: string;

  @Field()
  subject!: string;

  @Field({ description: 'The plain-text body, links included (a password reset, a gift claim).' })
  text!: string;

  @Field({ description: 'sent, failed or suppressed (the user turned this kind off).' })
  status!: string;

  @Field({ description: 'smtp (delivered over SMTP_URL) or outbox (SMTP_URL unset: kept here only).' })
  transport!: string;

  @Field(() => String, { nullable: true, description: "The SMTP server's refusal when delivery failed." })
  error!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class OutboxMailConnection {
  @Field(() => [OutboxMail])
  nodes!: OutboxMail[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
