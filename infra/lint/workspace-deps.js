#!/usr/bin/env node
// `pnpm lint`: every workspace package declares the workspace packages (`@tochka/x`) it imports —
// its sources in `dependencies`, its tests and build scripts in `dependencies` or `devDependencies` — and declares
// none it does not import. Jest and the SWC transform resolve `@tochka/x` to the sources whatever
// package.json says, so without this check a missing or stale declaration would go unnoticed
// (and a Docker image or `pnpm --filter` build would lack what the code needs).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](@tochka\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/g;

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : files(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function importsOf(list) {
  const found = new Map(); // package name -> first file importing it
  for (const file of list) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) if (!found.has(match[1])) found.set(match[1], path.relative(root, file));
  }
  return found;
}

const problems = [];
for (const group of ['packages', 'services', 'infra']) {
  for (const dir of fs.readdirSync(path.join(root, group))) {
    const manifestPath = path.join(root, group, dir, 'package.json');
    if (!fs.existsSync(manifestPath)) continue;
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const deps = new Set(Object.keys(manifest.dependencies ?? {}));
    const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
    const where = path.relative(root, manifestPath);
    const all = files(path.join(root, group, dir));
    // Tests, and build scripts (`scripts/`), may rely on devDependencies.
    const isTest = (f) => /^(test|scripts)\//.test(path.relative(path.join(root, group, dir), f)) || /\.spec\.tsx?$/.test(f);
    const fromSources = importsOf(all.filter((f) => !isTest(f)));
    const fromTests = importsOf(all.filter(isTest));
    for (const [name, file] of fromSources) {
      if (name !== manifest.name && !deps.has(name)) problems.push(`${where}: ${file} imports ${name}, missing from "dependencies"`);
    }
    for (const [name, file] of fromTests) {
      if (name !== manifest.name && !deps.has(name) && !devDeps.has(name)) problems.push(`${where}: ${file} imports ${name}, missing from "devDependencies"`);
    }
    for (const name of [...deps, ...devDeps].filter((n) => n.startsWith('@tochka/'))) {
      if (!fromSources.has(name) && !fromTests.has(name)) problems.push(`${where}: declares ${name} but nothing imports it`);
      else if (deps.has(name) && !fromSources.has(name)) problems.push(`${where}: ${name} is used by tests only: move it to "devDependencies"`);
    }
  }
}

if (problems.length) {
  console.error(`workspace dependencies:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('workspace dependencies: every package declares exactly the workspace packages it imports');
