/**
 * Import rules checked in CI (`npm run deps:check`): no cycle, type-only imports included; the
 * composition root (src/app) is imported only by the CLI; the module contract (src/gateway)
 * imports no area; and no simulator importing the gateway's own code (a simulator checks what
 * it receives with its own parsing).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'A cycle, even type-only, ties two files into one: split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'areas-not-app',
      comment: 'src/app assembles the areas: an area importing it would depend on every other area. Only the CLI starts it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app/', '^src/cli/'] },
      to: { path: '^src/app/' },
    },
    {
      name: 'gateway-contract-only',
      comment:
        'src/gateway is the module contract every area implements: it may use configuration, the store port and shared code, no area.',
      severity: 'error',
      from: { path: '^src/gateway/' },
      to: { path: '^src/', pathNot: ['^src/gateway/', '^src/shared/', '^src/config\\.ts$', '^src/store/database\\.ts$'] },
    },
    {
      name: 'sim-not-gateway',
      comment:
        'Simulators stand for external systems: they may share only src/shared and src/sim, and check what they receive with parsers and verifiers of their own.',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { path: '^src/', pathNot: ['^src/sim/', '^src/shared/'] },
    },
    {
      name: 'tables-through-read-services',
      comment:
        "An area's queries and repositories read its own tables: another area holds the owning area's read service (its types may be imported, its functions not).",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: ['^src/app/', '^src/cli/'] },
      to: { path: ['^src/.*/queries/', '-repository\\.ts$'], pathNot: ['^src/$1/'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
    exclude: { path: ['node_modules', 'dist', '\\.test\\.ts$'] },
  },
};
