/**
 * Float CNNs for training on the host: {@link org.tinysim.engine.floatnet.FloatNetwork} (a DAG of
 * {@link org.tinysim.engine.floatnet.FloatLayer} records, tensor i+1 made by layer i), the
 * reference forward and backward passes, cross-entropy loss, optimizers and a deterministic {@link
 * org.tinysim.engine.floatnet.Trainer}. Update masks freeze layers or restrict updates to output
 * channels (the sparse-update baseline of on-device training).
 */
package org.tinysim.engine.floatnet;
