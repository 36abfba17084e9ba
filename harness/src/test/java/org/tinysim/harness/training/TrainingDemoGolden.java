package org.tinysim.harness.training;

/**
 * The pinned measurements of the training demo's firmware on the emulated board: the one place to
 * update, with a reason in the commit, when the kernels, the code generator, the training compiler
 * or the cycle model change them. They are measured on the demo architecture
 * (FashionModels.mobilenet, seed 1, untrained, quantised on synthetic calibration images) with the
 * demo's update, so they hold without the bundled model; memory depends only on the architecture
 * and the update, so the bundled model's is the same.
 */
final class TrainingDemoGolden {

  /**
   * DWT cycles of the first training step on {@link TrainingDemoCostsTest}'s sample (cycle model
   * v3, D-cache on).
   */
  static final long FIRST_STEP_CYCLES = 12_757_935;

  /** Peak SRAM the emulator measures over that step: static data + arenas + stack. */
  static final long PEAK_SRAM_BYTES = 212_396;

  /** Accuracy test subset (training and held-out images) and the gain it must reach. */
  static final int SUBSET_TRAIN = 300;

  static final int SUBSET_TEST = 200;
  static final double MIN_GAIN = 0.20;

  private TrainingDemoGolden() {}
}
