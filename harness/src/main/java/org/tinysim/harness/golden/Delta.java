package org.tinysim.harness.golden;

/**
 * One row of the delta table.
 *
 * @param rule the tolerance rule applied, in words (e.g. "±2.0%", "exact, limit 327,680 B")
 * @param ok within the rule; informational rows are always ok
 */
public record Delta(
    String quantity, String blessed, String measured, String change, String rule, boolean ok) {}
