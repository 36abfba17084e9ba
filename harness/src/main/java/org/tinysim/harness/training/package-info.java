/**
 * On-device training on the emulated board.
 *
 * <p>{@link org.tinysim.harness.training.TrainingFirmware} generates (engine-c {@code
 * training.codegen}) and builds the firmware of a training program; {@link
 * org.tinysim.harness.training.BoardTrainer} drives it through the host ABI (command 1 infer, 2
 * train on the sample and tinysim_label; parameters read back by symbol); {@link
 * org.tinysim.harness.training.TrainingSession} streams samples (batch 1) on the board or on the
 * bit-identical Java reference, and trains the fp32 twin for comparison; {@link
 * org.tinysim.harness.training.TrainingDemo} is {@code tinysim train --demo}. The pinned demo
 * measurements live in the test class {@code TrainingDemoGolden}.
 */
package org.tinysim.harness.training;
