package org.tinysim.engine.training;

/** How much of the spec the compiler honours; the three rows of the memory comparison. */
public enum CompileMode {
  /** Every layer with weights updates all of them; updates run after the whole backward pass. */
  FULL_UPDATE,
  /** The spec's per-layer rules with dead-code elimination; updates still run at the end. */
  SPARSE,
  /** As SPARSE, but each update runs right after its gradient exists, freeing the gradient. */
  SPARSE_REORDERED
}
