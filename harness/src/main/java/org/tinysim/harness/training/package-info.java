/**
 * On-device training on the emulated board: building the training firmware of a
 * {@link org.tinysim.engine.training.TrainingProgram}, streaming labelled samples through the
 * host ABI, and the fine-tuning session behind {@code tinysim train}.
 */
package org.tinysim.harness.training;
