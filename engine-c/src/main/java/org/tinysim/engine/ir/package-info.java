/**
 * The typed int8 IR: {@link org.tinysim.engine.ir.Graph} of {@link org.tinysim.engine.ir.Tensor}s
 * and sealed {@link org.tinysim.engine.ir.Op} records, built from a TFLite model by
 * {@link org.tinysim.engine.ir.TfliteImporter}, which checks dtypes and shapes per operator.
 */
package org.tinysim.engine.ir;
