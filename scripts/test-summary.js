#!/usr/bin/env node
/* eslint-disable no-console */
// Adds up the JSON reports of jest and Playwright into one line "N passed, N failed", and
// exits non-zero if a test failed, a suite could not run, a report is missing, or no test ran.
const fs = require('node:fs');

let passed = 0;
let failed = 0;
const problems = [];

for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    problems.push(`${file} is missing: its runner did not finish`);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A suite that fails to load has no failed tests, but is a failure all the same.
    failed += report.numRuntimeErrorTestSuites ?? 0;
  } else if (report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    if (report.stats.flaky > 0) {
      problems.push(
        `${report.stats.flaky} end-to-end test(s) passed only on retry`,
      );
    }
    if ((report.errors ?? []).length > 0) {
      failed += report.errors.length;
      problems.push(...report.errors.map(e => `playwright: ${e.message}`));
    }
  } else {
    problems.push(`${file} is not a jest or Playwright report`);
  }
}

for (const problem of problems) console.log(`note: ${problem}`);
console.log(`${passed} passed, ${failed} failed`);
const missing = problems.some(
  p => p.includes('is missing') || p.includes('not a jest'),
);
process.exit(failed > 0 || passed === 0 || missing ? 1 : 0);
