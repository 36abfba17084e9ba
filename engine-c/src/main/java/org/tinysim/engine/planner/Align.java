package org.tinysim.engine.planner;

/** Power-of-two rounding shared by the planners. */
final class Align {

  private Align() {}

  static long up(long value, int alignment) {
    long mask = alignment - 1L;
    return (value + mask) & ~mask;
  }
}
