// Resolution for .dependency-cruiser.js: every workspace package `@tochka/x` → its `src` folder.
const fs = require('node:fs');
const path = require('node:path');

const roots = ['packages', 'services', 'infra'];
const alias = {};
for (const root of roots) {
  for (const dir of fs.readdirSync(path.join(__dirname, root))) {
    const manifest = path.join(__dirname, root, dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (name?.startsWith('@tochka/')) alias[name] = path.join(__dirname, root, dir, 'src');
  }
}

module.exports = { resolve: { alias } };
