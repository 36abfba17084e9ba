package org.tinysim.harness.patch;

import org.tinysim.engine.patch.PatchConfig;

/**
 * What the search picks for the bundled MobileNetV2-style model (models/mbv2_patch_160.tflite) at
 * the board's arena limit. Its measured peak SRAM, flash and cycles under that schedule are pinned
 * once, by the golden case golden-tests/suites/patch/mbv2_patch_160 (which forces the same split
 * and grid).
 */
final class PatchedMobileNetV2Pins {

  private PatchedMobileNetV2Pins() {}

  /** What {@code --sram-budget} at the 309,248 B arena limit picks. */
  static final PatchConfig CHOSEN = new PatchConfig(6, 2);

  /** Arena of the patched plan (the plain one needs 409,600 B and does not fit). */
  static final long PLANNED_ARENA_BYTES = 230_472;
}
