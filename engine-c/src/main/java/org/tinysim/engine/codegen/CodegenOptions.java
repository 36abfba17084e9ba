package org.tinysim.engine.codegen;

import org.tinysim.engine.patch.PatchConfig;

/**
 * @param planner "greedy" (default) or "linear": which plan fixes the arena offsets
 * @param inPlace let depthwise convolutions overwrite their input when the planner allows (smaller
 *     arena, slower: per-channel gather/scatter)
 * @param patch run the first ops patch by patch (MCUNetV2-style), or null for per-layer
 * @param fuse fold PADs into the convolutions that read them and run ops in place where it costs no
 *     time (float input QUANTIZE); off materialises every op's output
 * @param weightsWritable the firmware rewrites weights and biases at run time (on-device training),
 *     so nothing may be derived from their values at compile time (such as conv start values with
 *     the input offset folded in)
 */
public record CodegenOptions(
    String planner, boolean inPlace, PatchConfig patch, boolean fuse, boolean weightsWritable) {

  public CodegenOptions(String planner, boolean inPlace) {
    this(planner, inPlace, null);
  }

  public CodegenOptions(String planner, boolean inPlace, PatchConfig patch) {
    this(planner, inPlace, patch, true);
  }

  public CodegenOptions(String planner, boolean inPlace, PatchConfig patch, boolean fuse) {
    this(planner, inPlace, patch, fuse, false);
  }

  public CodegenOptions {
    if (!planner.equals("greedy") && !planner.equals("linear")) {
      throw new IllegalArgumentException(
          "unknown planner '" + planner + "' (expected greedy or linear)");
    }
  }

  public static CodegenOptions defaults() {
    return new CodegenOptions("greedy", false);
  }

  public CodegenOptions withInPlace(boolean enabled) {
    return new CodegenOptions(planner, enabled, patch, fuse, weightsWritable);
  }

  public CodegenOptions withPatch(PatchConfig config) {
    return new CodegenOptions(planner, inPlace, config, fuse, weightsWritable);
  }

  public CodegenOptions withFuse(boolean enabled) {
    return new CodegenOptions(planner, inPlace, patch, enabled, weightsWritable);
  }

  public CodegenOptions withWeightsWritable(boolean writable) {
    return new CodegenOptions(planner, inPlace, patch, fuse, writable);
  }
}
