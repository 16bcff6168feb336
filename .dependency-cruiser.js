// Architecture rules, checked by `pnpm lint` (and so by CI): `depcruise` over every package.
// Workspace imports (`@tochka/x`) resolve to the package's sources (see .dependency-cruiser.resolve.js),
// so no build is needed.
/** Packages the web app may use: they run in a browser (no Node built-ins, no servers). */
const BROWSER_PACKAGES = ['contracts'];

module.exports = {
  forbidden: [
    {
      name: 'no-service-imports-another-service',
      comment:
        'One service, one bounded context: what a service needs of another travels over NATS (contracts), never by import. (Its integration tests may start other services to talk to.)',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'tests-share-helpers-through-packages-testing',
      comment:
        "A test may start another service through its package, but never reaches into another service's tests: shared fixtures live in packages/testing.",
      severity: 'error',
      from: { path: '^(services|infra)/([^/]+)/test/' },
      to: { path: '^(services|infra)/[^/]+/test/', pathNot: '^$1/$2/test/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'packages/contracts is the shared language: it depends on zod alone, so everyone (the browser too) can use it.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^(packages|services|infra)/', pathNot: '^packages/contracts/' },
    },
    {
      name: 'packages-never-import-services',
      comment: 'Shared code is below the services, never above them.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'web-imports-only-its-own-code-and-browser-packages',
      comment: `The web app talks to the gateway over HTTP (its generated client) and may use only packages that run in a browser: ${BROWSER_PACKAGES.join(', ')}. (Its tests and scripts may start the network.)`,
      severity: 'error',
      from: { path: '^services/web/src/' },
      to: { path: '^(packages|services|infra)/', pathNot: [`^services/web/`, ...BROWSER_PACKAGES.map((p) => `^packages/${p}/`)] },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that does not resolve would hide a dependency from these rules.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.data)/' },
    tsPreCompilationDeps: true,
    // `@tochka/x` → the package's `src` (depcruise takes aliases only from a webpack-style resolve config).
    webpackConfig: { fileName: require('node:path').join(__dirname, '.dependency-cruiser.resolve.js') },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
