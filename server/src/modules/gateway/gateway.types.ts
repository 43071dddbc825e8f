import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { CreditBalance } from '../ledger/ledger.types.js';

@InputType()
export class ChatMessageInput {
  @Field({ description: 'system, user or assistant' })
  role!: string;

  @Field()
  content!: string;
}

@InputType()
export class CompletionInput {
  @Field({ description: 'A model id, or "auto".' })
  model!: string;

  @Field(() => String, { nullable: true, description: 'A single user message; or send messages.' })
  prompt?: string | null;

  @Field(() => [ChatMessageInput], { nullable: true })
  messages?: ChatMessageInput[] | null;

  @Field(() => Int, { nullable: true })
  maxTokens?: number | null;

  @Field(() => Float, { nullable: true })
  temperature?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true: the same request answered within the TTL is served from the cache, free.' })
  useCache?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'How long this answer stays cached; default 3600.' })
  cacheTtlSeconds?: number | null;

  @Field(() => String, { nullable: true, description: 'Retry with the same key to get the first result back, charged once.' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class CompletionUsage {
  @Field(() => Int)
  inputTokens!: number;

  @Field(() => Int)
  outputTokens!: number;
}

@ObjectType()
export class Completion {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The model that answered (the one chosen, for "auto").' })
  model!: string;

  @Field()
  content!: string;

  @Field()
  cached!: boolean;

  @Field(() => CompletionUsage)
  usage!: CompletionUsage;

  @Field(() => CreditsScalar)
  charged!: bigint;

  @Field(() => CreditBalance)
  balance!: CreditBalance;
}
