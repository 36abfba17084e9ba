package org.tinysim.harness.patch;

import org.tinysim.engine.patch.PatchConfig;

/**
 * Pinned measurements of the bundled MobileNetV2-style model (models/mbv2_patch_160.tflite)
 * under the patch schedule the search picks for the board's arena limit. The cycle figure
 * belongs to the emulator's cycle model v2 (dual issue, I-cache on): when the cycle model
 * changes, re-measure and update {@link #CYCLES} here (and only here).
 */
final class PatchedMobileNetV2Pins {

  private PatchedMobileNetV2Pins() {}

  /** What {@code --sram-budget} at the 309,248 B arena limit picks. */
  static final PatchConfig CHOSEN = new PatchConfig(10, 2);
  /** Arena of the patched plan (the plain one needs 409,600 B and does not fit). */
  static final long PLANNED_ARENA_BYTES = 212_320;
  /** SRAM high-water mark the emulator measures: static data, arena, stack and heap. */
  static final long PEAK_SRAM_BYTES = 212_932;
  /** DWT cycles of one inference, cycle model v2 with the I-cache on. */
  static final long CYCLES = 116_876_031;
}
