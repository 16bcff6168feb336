// Runs before `pnpm build` in `pnpm start` / `pnpm seed`: on an older Node, say which version is
// needed and how to get it, in Russian and English, instead of failing somewhere inside the build.
// Plain ES5 on purpose: it must parse on any Node.
'use strict';
var REQUIRED_MAJOR = 24;

function problem(version) {
  var major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= REQUIRED_MAJOR) return null;
  return [
    'Нужен Node.js ' + REQUIRED_MAJOR + ' или новее, а запущен ' + version + '.',
    'Установите его, например:',
    '  npm i -g n && n ' + REQUIRED_MAJOR + '          # или nvm install ' + REQUIRED_MAJOR + ' && nvm use ' + REQUIRED_MAJOR,
    '  (без прав root: npm i --prefix ~/.cache/tochka/node24 node@' + REQUIRED_MAJOR + ' pnpm@10.34.8 &&',
    '   export PATH=~/.cache/tochka/node24/node_modules/.bin:$PATH)',
    '  или скачайте с https://nodejs.org/',
    'Node.js ' + REQUIRED_MAJOR + ' or newer is required, this is ' + version + ': install it (e.g. `nvm install ' + REQUIRED_MAJOR + '`,',
    '`n ' + REQUIRED_MAJOR + '`, or https://nodejs.org/) and run pnpm start again.',
  ].join('\n');
}

module.exports = { problem: problem, REQUIRED_MAJOR: REQUIRED_MAJOR };

if (require.main === module) {
  var message = problem(process.version);
  if (message) {
    process.stderr.write(message + '\n');
    process.exit(1);
  }
}
