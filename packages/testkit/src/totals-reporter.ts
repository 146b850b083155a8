import type { Reporter, TestModule } from 'vitest/node';

// Prints the one line CI reads: `tests: N passed, N failed, N skipped`.
export default class TotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    const reasons = (process.env.TASKOMASK_TEST_SKIP_REASONS ?? '').split('; ').filter(Boolean);
    if (!process.env.MONGODB_URL) reasons.push('MongoDB suites: MONGODB_URL is not set');
    if (skipped > 0 && reasons.length > 0) console.log(`skipped because: ${reasons.join('; ')}`);
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
