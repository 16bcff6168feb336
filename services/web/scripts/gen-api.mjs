// Generates src/api/schema.d.ts (the web app's API types) from the gateway's OpenAPI document.
// The document is built from the gateway's compiled routes alone (`openApiDocument()`), so this
// needs `pnpm build` of the gateway but no NATS or MongoDB.
//   node scripts/gen-api.mjs          write the file (what `pnpm build` does on a workstation)
//   node scripts/gen-api.mjs --check  exit 1 if the committed file differs (CI, and the jest test)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'src', 'api', 'schema.d.ts');
const check = process.argv.includes('--check') || process.env.CI === 'true';

const require = createRequire(import.meta.url);
let gateway;
try {
  gateway = require('@tochka/gateway');
} catch (err) {
  console.error(`gen:api: cannot load the built gateway (run \`pnpm build\` at the repository root first): ${err.message}`);
  process.exit(2);
}
const document = gateway.openApiDocument();
const header =
  "// Generated from the gateway's OpenAPI document by `pnpm --filter @tochka/web gen:api`. Do not edit.\n" +
  '// After changing a gateway route: run that command and commit this file with the change.\n\n';
const generated = header + astToString(await openapiTS(document, { alphabetize: true }));

let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // first generation
}
const where = relative(process.cwd(), target);
if (check) {
  if (current !== generated) {
    console.error(
      `${where} differs from what the gateway's current routes produce.\n` +
        'Run `pnpm build && pnpm --filter @tochka/web gen:api` and commit the regenerated file.',
    );
    process.exit(1);
  }
  console.log(`${where} is up to date`);
} else if (current !== generated) {
  writeFileSync(target, generated);
  console.log(`${where} regenerated`);
} else {
  console.log(`${where} is up to date`);
}
