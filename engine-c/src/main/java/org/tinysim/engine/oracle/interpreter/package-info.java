/**
 * The oracle's int8 interpreter of the IR: it runs an {@link org.tinysim.engine.ir.Graph} operator
 * by operator on the reference kernels of {@link org.tinysim.engine.oracle}, and is the oracle that
 * the generated C running on the emulated board is compared against bit-exactly, layer by layer.
 *
 * <p>{@link org.tinysim.engine.oracle.interpreter.ReferenceInterpreter} owns a registry that maps
 * each {@link org.tinysim.engine.ir.Op} record class to one small runner; the runner derives the
 * kernel's own parameter record from the IR operator once, with the oracle's own Prepare step
 * ({@link org.tinysim.engine.oracle.OpPreparation}), never the compiler's {@code prepare} pass.
 * {@link org.tinysim.engine.oracle.interpreter.InterpreterRun} keeps every operator's output so the
 * first differing layer can be named.
 */
package org.tinysim.engine.oracle.interpreter;
