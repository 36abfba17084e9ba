/**
 * The typed int8 IR: {@link org.tinysim.engine.ir.Graph} of {@link org.tinysim.engine.ir.Tensor}s
 * and sealed {@link org.tinysim.engine.ir.Op} records, built from a TFLite model by
 * {@link org.tinysim.engine.ir.TfliteImporter}, which checks dtypes and shapes per operator.
 * Also the plain value types the compiler and the independent oracle both speak
 * ({@link org.tinysim.engine.ir.Shape4}, {@link org.tinysim.engine.ir.QuantizedMultiplier},
 * {@link org.tinysim.engine.ir.ActivationRange}, {@link org.tinysim.engine.ir.Padding}); they hold
 * no formulas, so sharing them does not make the oracle depend on the code it checks.
 */
package org.tinysim.engine.ir;
