/**
 * The typed int8 IR: {@link org.tinysim.engine.ir.Graph} of {@link org.tinysim.engine.ir.Tensor}s
 * and sealed {@link org.tinysim.engine.ir.Op} records, built from a TFLite model by {@link
 * org.tinysim.engine.ir.TfliteImporter}, which checks dtypes and shapes per operator. Also the
 * plain value types the compiler and the independent oracle both speak ({@link
 * org.tinysim.engine.ir.Shape4}, {@link org.tinysim.engine.ir.QuantizedMultiplier}, {@link
 * org.tinysim.engine.ir.ActivationRange}, {@link org.tinysim.engine.ir.Padding}); they hold no
 * formulas, so sharing them does not make the oracle depend on the code it checks.
 *
 * <p>To add an operator: an {@link org.tinysim.engine.ir.OpKind} constant and its Op record. The
 * compiler then asks for its converter ({@code OpConverter}) and prepare step ({@code Preparer});
 * {@code OpKindCompletenessTest} asks for its interpreter runner ({@code OpRunners}), a sample
 * model and a C emitter in {@code KernelRegistry} or a declared "not supported in codegen" reason.
 */
package org.tinysim.engine.ir;
