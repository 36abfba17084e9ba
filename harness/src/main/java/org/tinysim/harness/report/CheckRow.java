package org.tinysim.harness.report;

import java.util.Objects;

/**
 * One budget or baseline check of a golden run, already formatted by whoever ran it.
 *
 * @param what e.g. "cycles", "peak SRAM", "layer 12 CONV_2D cycles", "output 0"
 * @param baseline the blessed value, or "" when there is none
 * @param measured what this run gave
 * @param delta change against the baseline, e.g. "+3.2 %", or ""
 * @param rule the tolerance, e.g. "±2 %", "exact", "≥ 88.5 %"
 */
public record CheckRow(
    String what, String baseline, String measured, String delta, String rule, boolean passed) {

  public CheckRow {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(rule, "rule");
  }
}
