package org.tinysim.engine.training;

import org.tinysim.engine.prepare.PreparedGraph;

/** Derives, prunes, orders and plans one training step from a forward graph and a spec. */
public final class TrainingCompiler {

  private TrainingCompiler() {}

  public static TrainingProgram compile(PreparedGraph forward, TrainingSpec spec,
      CompileMode mode) {
    throw new UnsupportedOperationException("TrainingCompiler: backward derivation lands next");
  }
}
