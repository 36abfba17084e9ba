package org.tinysim.engine.patch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patch-based execution of a graph's first {@code split} ops: the stage output is cut into a {@code
 * grid x grid} array of tiles, and the stage runs once per tile on small buffers.
 */
public record PatchConfig(int split, int grid) {

  private static final Pattern SPEC = Pattern.compile("split=(\\d+),grid=(\\d+)");

  public PatchConfig {
    if (split < 1) {
      throw new IllegalArgumentException("patch split must be >= 1 op, got " + split);
    }
    if (grid < 1) {
      throw new IllegalArgumentException("patch grid must be >= 1, got " + grid);
    }
  }

  /** Parses {@code split=K,grid=N}. */
  public static PatchConfig parse(String spec) {
    Matcher m = SPEC.matcher(spec.replace(" ", ""));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "patch spec '" + spec + "' is not of the form split=K,grid=N (e.g. split=6,grid=4)");
    }
    return new PatchConfig(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public int patches() {
    return grid * grid;
  }

  @Override
  public String toString() {
    return "split=" + split + ",grid=" + grid;
  }
}
