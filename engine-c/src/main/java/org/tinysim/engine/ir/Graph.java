package org.tinysim.engine.ir;

import java.util.List;
import java.util.TreeMap;

/** A typed graph: all tensors (indexed by id), operators in execution order, graph I/O. */
public record Graph(
    String name,
    String source,
    List<Tensor> tensors,
    List<Op> ops,
    List<Tensor> inputs,
    List<Tensor> outputs) {

  public Graph {
    tensors = List.copyOf(tensors);
    ops = List.copyOf(ops);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public Tensor tensor(int id) {
    return tensors.get(id);
  }

  public long totalMacs() {
    long total = 0;
    for (Op op : ops) {
      total += op.macs();
    }
    return total;
  }

  public GraphSummary summary() {
    TreeMap<String, Integer> histogram = new TreeMap<>();
    for (Op op : ops) {
      histogram.merge(op.opName(), 1, Integer::sum);
    }
    long weights = 0;
    long largest = 0;
    for (Tensor t : tensors) {
      if (t.isConstant()) {
        weights += t.sizeInBytes();
      } else {
        largest = Math.max(largest, t.sizeInBytes());
      }
    }
    return new GraphSummary(histogram, totalMacs(), weights, largest);
  }
}
