/**
 * Java int8 reference kernels: the bit-exact oracle that the generated C kernels running on the
 * emulated STM32F746 are compared against.
 *
 * <p>Each kernel is a final class with a static {@code run} method over plain arrays (int8 NHWC
 * activations as {@code byte[]}, int32 bias as {@code int[]}) plus a parameter record whose
 * fields mirror TFLite's op params ({@code inputOffset = -inputZeroPoint}, per-channel
 * {@code outputMultiplier[]/outputShift[]}, {@code activationMin/Max}, ...). The arithmetic
 * follows TFLite's integer reference definitions ({@link org.tinysim.engine.oracle.FixedPointMath}),
 * written independently in Java.
 *
 * <p>This package must stay independent of the C kernels, the C code generator and the IR: it
 * is the specification side of differential testing, so sharing code with the implementation
 * under test would defeat its purpose.
 */
package org.tinysim.engine.oracle;
