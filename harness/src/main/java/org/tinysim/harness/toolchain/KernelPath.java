package org.tinysim.harness.toolchain;

import java.util.List;

/** Which body of the tsn kernels to compile: the Cortex-M7 DSP one or the portable C one. */
public enum KernelPath {
  DSP(List.of()),
  PORTABLE(List.of("-DTSN_FORCE_PORTABLE"));

  private final List<String> defines;

  KernelPath(List<String> defines) {
    this.defines = defines;
  }

  public List<String> defines() {
    return defines;
  }
}
