/**
 * Training-graph compiler (compile time only): from a prepared forward graph and a
 * {@link org.tinysim.engine.training.TrainingSpec} it derives the pruned backward pass, the sparse
 * updates and their order, every tensor's size and lifetime, and the memory plan of one training
 * step (batch 1).
 */
package org.tinysim.engine.training;
