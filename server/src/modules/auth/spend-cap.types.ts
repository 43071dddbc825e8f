import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { SpendPeriod as SpendPeriodValue } from '@tollgate/shared';
import { CreditsScalar } from '../../platform/scalars.js';

/** GraphQL names DAY/WEEK/MONTH; inside, the lower-case periods of @tollgate/shared. */
export const SpendPeriod = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const satisfies Record<string, SpendPeriodValue>;
registerEnumType(SpendPeriod, {
  name: 'SpendPeriod',
  description: 'A calendar period in UTC: a day from midnight, an ISO week from Monday, a month from the 1st.',
});

/** `SpendCap` in the schema; named apart from the principal's SpendCap (the stored cap). */
@ObjectType('SpendCap', { description: 'At most `limit` credits spent per calendar `period` (UTC).' })
export class SpendCapType {
  @Field(() => CreditsScalar)
  limit!: bigint;

  @Field(() => SpendPeriod)
  period!: SpendPeriodValue;
}

@ObjectType({ description: 'A cap and what was spent against it in the current period (settled calls net of refunds, plus calls in flight).' })
export class CapSpend {
  @Field(() => SpendCapType)
  cap!: SpendCapType;

  @Field(() => CreditsScalar)
  spent!: bigint;

  @Field(() => CreditsScalar, { description: 'What may still be spent this period: the cap less what was spent, never below 0.' })
  remaining!: bigint;

  @Field()
  periodStart!: Date;

  @Field({ description: 'When the period ends and the cap starts again from 0.' })
  resetsAt!: Date;
}

@InputType()
export class SpendCapInput {
  @Field(() => CreditsScalar, { description: 'From 0 (nothing may be spent) to 1,000,000 credits.' })
  limit!: bigint;

  @Field(() => SpendPeriod)
  period!: SpendPeriodValue;
}
