import type { CodegenConfig } from '@graphql-codegen/cli';

// Operations live next to the components that use them, as `graphql(...)` documents; the client
// preset turns each into a TypedDocumentNode so Apollo's hooks are typed without hand-written types.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        // `useFragment` would shadow Apollo's hook of the same name.
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        // Credits: the API's exact decimal string ("12.500000"); parse with @tollgate/shared, never Number().
        // SafeInt: whole numbers past GraphQL Int's 2^31 (usage counts), still within a JS number.
        scalars: { DateTime: 'string', Credits: 'string', SafeInt: 'number' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
