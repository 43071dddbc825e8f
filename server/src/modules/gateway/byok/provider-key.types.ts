import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One of the caller's own provider keys (BYOK). The key itself is never returned." })
export class ProviderKey {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'openai, anthropic, google or openrouter.' })
  provider!: string;

  @Field({ description: 'The last four characters of the key, to tell keys apart.' })
  last4!: string;

  @Field({ description: "Which of the server's encryption keys sealed it (changes after a key rotation)." })
  keyId!: string;

  @Field({ description: 'When this key was set (a replacement resets it).' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last completion made with it, to the minute.' })
  lastUsedAt!: Date | null;
}

@InputType()
export class SetProviderKeyInput {
  @Field({ description: 'openai, anthropic, google or openrouter.' })
  provider!: string;

  @Field({ description: "The provider's API key; stored encrypted, shown afterwards only as its last four characters." })
  apiKey!: string;
}

@ObjectType({ description: 'What a re-encryption pass did after an encryption key rotation.' })
export class ProviderKeyRotation {
  @Field({ description: 'The id of the encryption key every readable row is now sealed under.' })
  currentKeyId!: string;

  @Field(() => Int)
  reencrypted!: number;

  @Field(() => Int, { description: 'Rows still under another key (its key is not configured): 0 means previous keys can be dropped.' })
  remaining!: number;
}
