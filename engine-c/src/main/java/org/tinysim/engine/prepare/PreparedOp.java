package org.tinysim.engine.prepare;

import org.tinysim.engine.ir.Op;

/** An IR operator with its precomputed integer parameters. */
public record PreparedOp(Op op, OpParams params) {

  /** The params cast to the expected kind; fails loudly when the kind does not match. */
  public <T extends OpParams> T params(Class<T> kind) {
    if (!kind.isInstance(params)) {
      throw new IllegalStateException(
          "operator "
              + op.index()
              + " ("
              + op.opName()
              + ") has "
              + params.getClass().getSimpleName()
              + " params, not "
              + kind.getSimpleName());
    }
    return kind.cast(params);
  }
}
