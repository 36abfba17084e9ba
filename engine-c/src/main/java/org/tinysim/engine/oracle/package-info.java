/**
 * Java int8 reference kernels: the bit-exact oracle that the generated C kernels running on the
 * emulated STM32F746 are compared against.
 *
 * <p>Each kernel is a final class with a static {@code run} method over plain arrays (int8 NHWC
 * activations as {@code byte[]}, int32 bias as {@code int[]}) plus a parameter record whose fields
 * mirror TFLite's op params ({@code inputOffset = -inputZeroPoint}, per-channel {@code
 * outputMultiplier[]/outputShift[]}, {@code activationMin/Max}, ...). The arithmetic follows
 * TFLite's integer reference definitions ({@link org.tinysim.engine.oracle.FixedPointMath}),
 * written independently in Java.
 *
 * <p>This tree ({@code oracle}, {@code oracle.interpreter}, {@code oracle.training}) is the
 * specification side of differential testing, so sharing code with the implementation under test
 * would defeat its purpose: it uses only value types of the IR ({@code Shape4}, {@code
 * QuantizedMultiplier}, {@code ActivationRange}, ...) and runs TFLite's Prepare step itself: {@link
 * org.tinysim.engine.oracle.OpPreparation} derives every operator's kernel params from the IR graph
 * with {@link org.tinysim.engine.oracle.PrepareFormulas}, so the interpreter and the training
 * reference take an {@link org.tinysim.engine.ir.Graph}, never the compiler's prepared graph.
 * {@code ArchitectureTest} fails when the oracle imports a compiler pass ({@code prepare}, {@code
 * planner}, {@code codegen}, {@code training.codegen}, {@code patch}) or the code generator imports
 * it; {@code PrepareCrossCheckTest} checks the two Prepare derivations against each other.
 */
package org.tinysim.engine.oracle;
