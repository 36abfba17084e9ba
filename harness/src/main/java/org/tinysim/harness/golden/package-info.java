/**
 * The golden engine: loads cases ({@link org.tinysim.harness.golden.CaseLoader}), runs them on the
 * board ({@link org.tinysim.harness.golden.CaseRunner}) and compares the measurements with the
 * blessed baselines into {@link org.tinysim.harness.golden.Verdict}s. Rendering verdicts is {@code
 * org.tinysim.harness.report}'s job; the command line is {@code org.tinysim.harness.cli}'s.
 */
package org.tinysim.harness.golden;
