package org.tinysim.harness.training;

/**
 * The pinned measurements of the training demo ({@code tinysim train --demo}) on the emulated
 * board: the one place to update, with a reason in the commit, when the kernels, the code
 * generator, the training compiler or the cycle model change them.
 */
final class TrainingDemoGolden {

  /** SHA-256 of the bundled model the numbers below were measured with. */
  static final String MODEL_SHA256 = "";

  /** DWT cycles of the first training step (first inverted Fashion-MNIST training image). */
  static final long FIRST_STEP_CYCLES = 0;
  /** Peak SRAM the emulator measures over three steps: static data + arena + stack. */
  static final long PEAK_SRAM_BYTES = 0;

  /** Accuracy test subset (training and held-out images) and the gain it must reach. */
  static final int SUBSET_TRAIN = 300;
  static final int SUBSET_TEST = 200;
  static final double MIN_GAIN = 0.10;

  private TrainingDemoGolden() {
  }
}
