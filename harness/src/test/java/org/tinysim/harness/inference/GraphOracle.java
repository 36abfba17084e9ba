package org.tinysim.harness.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;

/** Whole-graph oracle: chains {@link ReferenceOracle} over the ops in execution order. */
final class GraphOracle {

  private GraphOracle() {}

  static List<byte[]> run(PreparedGraph prepared, List<byte[]> inputs) {
    Map<Integer, byte[]> values = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      values.put(prepared.graph().inputs().get(i).id(), inputs.get(i));
    }
    for (PreparedOp pop : prepared.ops()) {
      List<byte[]> opInputs = pop.op().inputs().stream().filter(t -> !t.isConstant())
          .map(t -> values.get(t.id())).toList();
      values.put(pop.op().output().id(), ReferenceOracle.run(pop, opInputs));
    }
    List<byte[]> outputs = new ArrayList<>();
    for (Tensor t : prepared.graph().outputs()) {
      outputs.add(values.get(t.id()));
    }
    return outputs;
  }
}
