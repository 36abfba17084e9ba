/**
 * The prepare pass: {@link org.tinysim.engine.prepare.Preparer} turns a graph into a {@link
 * org.tinysim.engine.prepare.PreparedGraph} whose operators carry the integer parameters
 * (multipliers, shifts, offsets, clamps, padding) TFLite computes in its kernels' Prepare step.
 */
package org.tinysim.engine.prepare;
