/**
 * Running generated models on the emulated board: {@link
 * org.tinysim.harness.inference.ModelCompiler} (graph to firmware), {@link
 * org.tinysim.harness.inference.ModelRunner} (boot once, infer repeatedly through the host ABI) and
 * the result records.
 */
package org.tinysim.harness.inference;
