/**
 * Training-graph compiler (compile time only): from a prepared forward graph and a {@link
 * org.tinysim.engine.training.TrainingSpec} it derives the pruned backward pass, the sparse updates
 * and their order, every tensor's size and lifetime, and the memory plan of one training step
 * (batch 1). {@link org.tinysim.engine.training.TrainableOp} and {@link
 * org.tinysim.engine.training.ChannelRuns} describe a layer's backward the same way to the C
 * emitter ({@code training.codegen}) and to the oracle ({@code oracle.training}).
 */
package org.tinysim.engine.training;
