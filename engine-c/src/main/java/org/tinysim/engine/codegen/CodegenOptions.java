package org.tinysim.engine.codegen;

/**
 * @param planner      "greedy" (default) or "linear": which plan fixes the arena offsets
 * @param inPlace      let depthwise convolutions overwrite their input when the planner allows
 *                     (smaller arena, slower: per-channel gather/scatter)
 */
public record CodegenOptions(String planner, boolean inPlace) {

  public CodegenOptions {
    if (!planner.equals("greedy") && !planner.equals("linear")) {
      throw new IllegalArgumentException("unknown planner '" + planner
          + "' (expected greedy or linear)");
    }
  }

  public static CodegenOptions defaults() {
    return new CodegenOptions("greedy", false);
  }

  public CodegenOptions withInPlace(boolean enabled) {
    return new CodegenOptions(planner, enabled);
  }
}
