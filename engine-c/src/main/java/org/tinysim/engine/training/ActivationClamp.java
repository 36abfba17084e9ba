package org.tinysim.engine.training;

import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** The quantised clamp [min, max] of a layer's fused activation, which masks its gradient. */
public record ActivationClamp(int min, int max) {

  public static ActivationClamp of(PreparedOp prepared) {
    OpParams p = prepared.params();
    if (p instanceof OpParams.Convolution c) {
      return new ActivationClamp(c.actMin(), c.actMax());
    }
    if (p instanceof OpParams.FullyConnected f) {
      return new ActivationClamp(f.actMin(), f.actMax());
    }
    if (p instanceof OpParams.Add a) {
      return new ActivationClamp(a.actMin(), a.actMax());
    }
    throw new IllegalArgumentException(
        "layer "
            + prepared.op().index()
            + " ("
            + prepared.op().opName()
            + ") has no fused activation to mask");
  }
}
