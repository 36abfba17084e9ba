/**
 * C code generation of on-device training firmware from a {@link
 * org.tinysim.engine.training.TrainingProgram}: the inference code generator's forward, saved
 * activations, the tsn_train.h backward/update calls, and a host-ABI loop.
 */
package org.tinysim.engine.training.codegen;
