/**
 * The estimator's token counting, loaded on demand with `import()`: it pulls js-tiktoken's BPE
 * ranks (megabytes), which must stay out of the main bundle. The same code the server counts with.
 */
export { countMessageTokens } from '@tollgate/shared';
