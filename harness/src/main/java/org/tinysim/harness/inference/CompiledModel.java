package org.tinysim.harness.inference;

import java.nio.file.Path;
import java.util.List;
import org.tinysim.engine.codegen.ArenaSizes;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * A model compiled to firmware.
 *
 * @param elf the firmware
 * @param sourceDir the generated C (model.c, model_weights.c, main.c, memory-plan.txt)
 * @param code what the generator produced (I/O symbols, plan, report)
 */
public record CompiledModel(
    String name, Path elf, Path sourceDir, KernelPath kernelPath, GeneratedModel code) {

  public List<String> ops() {
    return code.opNames();
  }

  public long macs() {
    return code.macs();
  }

  /** Arena bytes of the plan the firmware uses. */
  public long arenaBytes() {
    return code.arena().arenaBytes();
  }

  public ArenaSizes arenaSizes() {
    return code.sizes();
  }

  public long weightBytes() {
    return code.weightBytes();
  }
}
