// Module boundaries (docs/decisions/0044-module-faces-and-tooling.md), run by `pnpm lint`:
// a module reaches another only through its face (modules/<m>/index.ts), platform depends on no module and not on
// the composition root, and no import cycle exists at runtime (a cycle through a face can leave a class undefined
// when a decorator reads it).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-its-face',
      comment: 'Import another module only through its index.ts (its face). Tests may also use other modules\' test helpers.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/.*__tests__/'] },
    },
    {
      name: 'test-helpers-only-from-tests',
      comment: 'Another module\'s __tests__ helpers are test code: only tests and test support may import them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['/__tests__/', '^src/test-support/'] },
      to: { path: '/__tests__/' },
    },
    {
      name: 'test-support-through-faces',
      comment: 'Test support and platform tests reach modules only through their faces.',
      severity: 'error',
      from: { path: ['^src/test-support/', '^src/platform/'] },
      to: { path: '^src/modules/', pathNot: ['^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/.*__tests__/'] },
    },
    {
      name: 'platform-imports-no-module',
      comment:
        'platform/ holds shared basics: it imports no module and not the composition root (server/src/*.ts). The one exception: ' +
        'db.ts gives MikroORM the entity list (src/entities.ts, entity classes only).',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '/__tests__/' },
      to: { path: ['^src/modules/', '^src/[^/]+\\.ts$'], pathNot: '^src/entities\\.ts$' },
    },
    {
      name: 'no-runtime-cycle',
      comment: 'An import cycle that survives compilation (type-only imports do not count).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'pre-compilation-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/test-output/'] },
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
