package org.tinysim.harness.golden;

/** A layer whose cycles moved beyond the case's band, or whose output differs. */
public record LayerChange(int index, String op, long blessedCycles, long measuredCycles) {

  public double percent() {
    return blessedCycles == 0 ? 0 : 100.0 * (measuredCycles - blessedCycles) / blessedCycles;
  }
}
