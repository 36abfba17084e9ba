package org.tinysim.engine.oracle.interpreter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;

/**
 * Everything one inference produced: each operator's output in execution order, every activation
 * tensor by id (graph inputs included) and the graph outputs.
 */
public final class InterpreterRun {

  private final Graph graph;
  private final List<LayerResult> layers;
  private final Map<Integer, TensorData> tensors;
  private final List<TensorData> outputs;

  InterpreterRun(
      Graph graph,
      List<LayerResult> layers,
      Map<Integer, TensorData> tensors,
      List<TensorData> outputs) {
    this.graph = graph;
    this.layers = List.copyOf(layers);
    this.tensors = Collections.unmodifiableMap(tensors);
    this.outputs = List.copyOf(outputs);
  }

  public Graph graph() {
    return graph;
  }

  /** One entry per operator, in execution order (layer i is operator i). */
  public List<LayerResult> layers() {
    return layers;
  }

  public LayerResult layer(int opIndex) {
    return layers.get(opIndex);
  }

  public List<Op> ops() {
    return graph.ops();
  }

  /** Graph outputs in the graph's output order. */
  public List<TensorData> outputs() {
    return outputs;
  }

  public TensorData output(int i) {
    return outputs.get(i);
  }

  /** Value of activation tensor {@code tensorId}; fails for constants or unknown ids. */
  public TensorData tensor(int tensorId) {
    TensorData v = tensors.get(tensorId);
    if (v == null) {
      throw new IllegalArgumentException(
          "tensor " + tensorId + " is not an activation of " + graph.source());
    }
    return v;
  }

  public long totalNanos() {
    return layers.stream().mapToLong(LayerResult::nanos).sum();
  }

  /**
   * Compares layer outputs in execution order against another implementation's raw little-endian
   * output bytes keyed by operator index (operators missing from the map are skipped). int8 must
   * match exactly; float32 within {@code floatTolerance}.
   */
  public Optional<LayerMismatch> firstMismatch(
      Map<Integer, byte[]> actualByOpIndex, double floatTolerance) {
    for (LayerResult layer : layers) {
      byte[] actual = actualByOpIndex.get(layer.index());
      if (actual != null) {
        Optional<LayerMismatch> m = compare(layer, actual, floatTolerance);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  /** Bit-exact variant of {@link #firstMismatch(Map, double)}. */
  public Optional<LayerMismatch> firstMismatch(Map<Integer, byte[]> actualByOpIndex) {
    return firstMismatch(actualByOpIndex, 0);
  }

  private static Optional<LayerMismatch> compare(
      LayerResult layer, byte[] actual, double tolerance) {
    byte[] expected = layer.output().toLittleEndianBytes();
    if (expected.length != actual.length) {
      return Optional.of(
          new LayerMismatch(layer.op(), -1, 0, 0, 0, expected.length, actual.length));
    }
    int elementSize = expected.length / Math.max(1, layer.output().length());
    ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
    int first = -1;
    double firstExpected = 0;
    double firstActual = 0;
    int differing = 0;
    for (int i = 0; i < layer.output().length(); i++) {
      double x = elementSize == 1 ? e.get(i) : e.getFloat(4 * i);
      double y = elementSize == 1 ? a.get(i) : a.getFloat(4 * i);
      boolean same =
          elementSize == 1 ? x == y : Math.abs(x - y) <= tolerance || Double.compare(x, y) == 0;
      if (!same) {
        if (first < 0) {
          first = i;
          firstExpected = x;
          firstActual = y;
        }
        differing++;
      }
    }
    return first < 0
        ? Optional.empty()
        : Optional.of(
            new LayerMismatch(
                layer.op(),
                first,
                firstExpected,
                firstActual,
                differing,
                expected.length,
                actual.length));
  }
}
