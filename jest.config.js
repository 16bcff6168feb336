// One jest run for the whole monorepo (two projects, below). Tests are compiled by SWC (fast, keeps decorator
// metadata for Nest) and import workspace packages from their sources, so no build is needed
// to run a single test file; `pnpm test` still builds first to type-check everything.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const workspace = {
  contracts: 'packages/contracts',
  messaging: 'packages/messaging',
  runtime: 'packages/runtime',
  testing: 'packages/testing',
  'smtp-sink': 'packages/smtp-sink',
  'district-data': 'packages/district-data',
  ical: 'packages/ical',
  agreements: 'services/agreements',
  calendar: 'services/calendar',
  registrations: 'services/registrations',
  notifications: 'services/notifications',
  reports: 'services/reports',
  gateway: 'services/gateway',
  'dev-stack': 'infra/dev-stack',
};

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    ...Object.fromEntries(Object.entries(workspace).map(([name, dir]) => [`^@tochka/${name}$`, `<rootDir>/${dir}/src`])),
    // The zod-free part of the contracts that the web app bundles (services/web).
    '^@tochka/contracts/browser$': '<rootDir>/packages/contracts/src/browser.ts',
  },
};

// Two projects. `unit`: tests beside the code they test (`src/**/*.spec.ts`), pure rules and
// contracts, no servers (`pnpm test:unit`). `integration`: `test/**/*.spec.ts`, against real
// MongoDB/FerretDB and NATS, which the global setup finds or starts.
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,services,infra}/*/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,services,infra}/*/test/**/*.spec.ts'],
      globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
    },
  ],
  testTimeout: 60_000, // a global option: ignored inside a project
  maxWorkers: 2,
  // No forceExit: every suite closes what it opened (checked with `jest --runInBand --detectOpenHandles`
  // over the whole tree: nothing left open), so jest ends by itself.
};
