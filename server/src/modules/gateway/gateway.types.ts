import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { CreditBalance } from '../ledger/index.js';

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

  @Field({ description: 'The model that answered (the one chosen, for "auto"; a fallback when the first failed).' })
  model!: string;

  @Field({ description: 'The provider that answered: openai, anthropic, google, openrouter or sandbox.' })
  provider!: string;

  @Field(() => String, { nullable: true, description: 'The model first chosen, when its provider failed and a fallback answered.' })
  fallbackFrom!: string | null;

  @Field({ description: 'Answered with your own provider key: metered, not charged.' })
  byok!: boolean;

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

@ObjectType({ description: 'A piece of a streamed completion; the last one has done: true and the settlement.' })
export class CompletionChunk {
  @Field(() => ID, { nullable: true, description: 'The completion id (on the last chunk).' })
  id!: string | null;

  @Field({ description: 'Text since the previous chunk ("" on the last one).' })
  delta!: string;

  @Field()
  done!: boolean;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String, { nullable: true })
  provider!: string | null;

  @Field(() => String, { nullable: true })
  fallbackFrom!: string | null;

  @Field(() => Boolean, { nullable: true })
  cached!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  byok!: boolean | null;

  @Field(() => CompletionUsage, { nullable: true })
  usage!: CompletionUsage | null;

  @Field(() => CreditsScalar, { nullable: true, description: 'What the call was charged (on the last chunk).' })
  charged!: bigint | null;

  @Field(() => CreditBalance, { nullable: true, description: 'Your balance after the charge (on the last chunk).' })
  balance!: CreditBalance | null;
}
