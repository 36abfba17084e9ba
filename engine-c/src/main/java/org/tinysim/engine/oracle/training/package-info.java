/**
 * The oracle of one on-device training step: the int8 forward of the oracle's kernels, float
 * backward and the quantisation-aware-scaled SGD update, computed exactly as the C kernels of
 * {@code kernels-cmsis/src/main/c/Include/tsn_train.h} do (same summation order, no fused
 * multiply-add), so the board's updated parameters can be compared bit for bit. The layer geometry
 * and channel runs it shares with the C emitter live in {@link org.tinysim.engine.training}, not
 * here, so {@code training.codegen} never imports the oracle.
 */
package org.tinysim.engine.oracle.training;
