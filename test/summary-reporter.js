/** Ends the run with one plain line, `N passed, N failed, N skipped`, for tools that read the tail. */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    const line = `${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped`;
    // After Jest's own summary, which is printed later in the same tick.
    process.once('exit', () => process.stderr.write(`\n${line}\n`));
  }
}
