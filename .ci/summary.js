#!/usr/bin/env node
// Turn a jest `--json --outputFile` report into the closing CI line:
//   Tests: <passed> passed, <failed> failed
// Exit status: 0 when the report exists and nothing failed, 1 otherwise.
// A missing or unreadable report counts as one failure. Test files that failed to run at all
// (syntax/type errors, a throwing beforeAll hook without tests, ...) have no tests in
// numFailedTests, so each of them counts as one failure too: a red run never reads "0 failed".
'use strict';

const fs = require('node:fs');

const file = process.argv[2];
let report;
try {
  if (!file) throw new Error('no report path given');
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`summary: no usable jest report (${err.message})`);
  console.log('Tests: 0 passed, 1 failed');
  process.exit(1);
}

const count = (n) => (Number.isFinite(n) && n > 0 ? n : 0);
const passed = count(report.numPassedTests);
const failedTests = count(report.numFailedTests);
const brokenSuites = count(report.numRuntimeErrorTestSuites);
const failed = failedTests + brokenSuites;

if (brokenSuites > 0) {
  const broken = (report.testResults || []).filter((r) => r.status === 'failed' && (r.assertionResults || []).length === 0).map((r) => r.name);
  console.error(`summary: ${brokenSuites} test file(s) failed to run${broken.length ? ':' : ''}`);
  for (const name of broken) console.error(`  ${name}`);
}

console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || report.success === false ? 1 : 0);
