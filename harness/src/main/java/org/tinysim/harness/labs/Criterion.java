package org.tinysim.harness.labs;

/**
 * One graded criterion of a lab: what was measured and, when it did not pass, a hint that points
 * the student at the fix.
 *
 * @param name short name, e.g. "bit-exact vs the oracle"
 * @param status pass, fail, or not gradable on this emulator yet
 * @param measured what the grader measured, in words and numbers
 * @param hint what to look at when it did not pass (empty when it passed)
 */
public record Criterion(String name, Status status, String measured, String hint) {

  /** How a criterion came out. */
  public enum Status {
    PASS,
    FAIL,
    /** The emulator lacks a feature the criterion needs; not counted against the student. */
    NEEDS_EMULATOR_FEATURE
  }

  public static Criterion pass(String name, String measured) {
    return new Criterion(name, Status.PASS, measured, "");
  }

  public static Criterion fail(String name, String measured, String hint) {
    return new Criterion(name, Status.FAIL, measured, hint);
  }

  public static Criterion check(boolean ok, String name, String measured, String hint) {
    return ok ? pass(name, measured) : fail(name, measured, hint);
  }

  public boolean passed() {
    return status == Status.PASS;
  }
}
