package org.tinysim.harness.cli;

/** Validates run budgets (negative ones would silently mean "unlimited" to the emulator). */
final class Budgets {

  private Budgets() {}

  static void check(long maxCycles, long maxInstructions) {
    if (maxCycles < 0 || maxInstructions < 0) {
      throw new UserError("--max-cycles and --max-instructions must be >= 0 (0 = no limit)");
    }
  }
}
