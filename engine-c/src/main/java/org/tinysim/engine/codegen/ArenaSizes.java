package org.tinysim.engine.codegen;

/** Arena bytes of the same graph under the three plans the generator can make. */
public record ArenaSizes(long linear, long greedy, long greedyInPlace) {

  @Override
  public String toString() {
    return "linear "
        + linear
        + " B, greedy "
        + greedy
        + " B, greedy+in-place "
        + greedyInPlace
        + " B";
  }
}
