import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAppPubSub } from './platform/pubsub.js';
import { buildAppSchema, printAppSchema } from './schema.js';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const schema = await buildAppSchema(createAppPubSub());
writeFileSync(target, printAppSchema(schema));
console.log(`wrote ${target}`);
