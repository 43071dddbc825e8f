// Lint: the recommended JavaScript and TypeScript rules, kept small so they pass on the code as it is written.
// Module boundaries are checked by dependency-cruiser (.dependency-cruiser.cjs), which also sees import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/test-output/**', 'web/src/gql/**', '.data/**', 'web/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // The code base's deliberate habits, not defects: `any` in tests and GraphQL plumbing, `_name` for what is
      // unused on purpose (tsc's noUnusedLocals checks the rest), `Function[]` entity lists, secrets overwritten
      // after use, errors rethrown with their own message.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-useless-assignment': 'off',
      'preserve-caught-error': 'off',
      'no-regex-spaces': 'off',
    },
  },
  // The tokenizer's byte-level patterns name control characters on purpose.
  { files: ['shared/src/bpe.ts'], rules: { 'no-control-regex': 'off' } },
);
