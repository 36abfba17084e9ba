/**
 * Java reference of one on-device training step: the int8 forward of the reference kernels,
 * float backward and the quantisation-aware-scaled SGD update, computed exactly as the C
 * kernels of {@code kernels-cmsis/src/main/c/Include/tsn_train.h} do (same summation order, no
 * fused multiply-add), so the board's updated parameters can be compared bit for bit.
 */
package org.tinysim.engine.oracle.training;
