package org.tinysim.engine.oracle.interpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.OpKind;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;

/**
 * Runs an int8 graph on the Java reference kernels: the oracle the generated C is checked against.
 * Each operator's kernel params come from the oracle's own Prepare step ({@link
 * org.tinysim.engine.oracle.OpPreparation}), computed once at construction. Graph inputs are int8
 * ({@link TensorData#int8}) or, for models that start with a float32 QUANTIZE, float32; outputs are
 * int8, or float32 after a DEQUANTIZE. An interpreter holds no per-run state, so it can be reused
 * (also from several threads).
 *
 * <pre>{@code
 * ReferenceInterpreter interp = ReferenceInterpreter.load(Path.of("person_detect.tflite"));
 * byte[] scores = interp.run(TensorData.int8(image)).get(0).int8();
 * InterpreterRun run = interp.runAll(TensorData.int8(image));   // every layer's output
 * run.firstMismatch(boardBytesByOpIndex).ifPresent(m -> fail(m.describe()));
 * }</pre>
 */
public final class ReferenceInterpreter {

  private final Graph graph;
  private final List<OpRunner.Step> steps;
  private final Constants constants = new Constants();

  public ReferenceInterpreter(Graph graph) {
    this(graph, OpRunners.standard());
  }

  ReferenceInterpreter(Graph graph, OpRunners runners) {
    this.graph = graph;
    List<OpRunner.Step> prepared = new ArrayList<>(graph.ops().size());
    for (Op op : graph.ops()) {
      if (!runners.supports(op)) {
        throw InterpreterException.at(
            source(), op, "operator kind not supported by the " + "reference interpreter", null);
      }
      try {
        prepared.add(runners.prepare(op));
      } catch (IllegalArgumentException
          | IllegalStateException
          | ArithmeticException
          | IndexOutOfBoundsException e) {
        throw InterpreterException.at(source(), op, e.getMessage(), e);
      }
    }
    this.steps = List.copyOf(prepared);
  }

  /** The operator kinds this interpreter runs. */
  public static Set<OpKind> supportedKinds() {
    return OpRunners.standard().kinds();
  }

  /** Imports and wraps a .tflite file. */
  public static ReferenceInterpreter load(Path tflite) {
    return new ReferenceInterpreter(TfliteImporter.load(tflite));
  }

  public Graph graph() {
    return graph;
  }

  /** Graph outputs for inputs given in graph input order. */
  public List<TensorData> run(TensorData... inputs) {
    return runAll(inputs).outputs();
  }

  public List<TensorData> run(List<TensorData> inputs) {
    return runAll(inputs).outputs();
  }

  /** Graph outputs for inputs keyed by tensor id. */
  public List<TensorData> run(Map<Integer, TensorData> inputsByTensorId) {
    return runAll(inputsByTensorId).outputs();
  }

  /** Full run keeping every intermediate tensor, inputs in graph input order. */
  public InterpreterRun runAll(TensorData... inputs) {
    return runAll(Arrays.asList(inputs));
  }

  public InterpreterRun runAll(List<TensorData> inputs) {
    List<Tensor> graphInputs = graph().inputs();
    if (inputs.size() != graphInputs.size()) {
      throw new InterpreterException(
          "model " + source() + " has " + graphInputs.size() + " input(s), got " + inputs.size());
    }
    Map<Integer, TensorData> byId = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      byId.put(graphInputs.get(i).id(), inputs.get(i));
    }
    return runAll(byId);
  }

  /** Full run with inputs keyed by tensor id; every graph input must be given. */
  public InterpreterRun runAll(Map<Integer, TensorData> inputsByTensorId) {
    Values values = new Values(constants);
    List<Tensor> graphInputs = graph().inputs();
    for (int i = 0; i < graphInputs.size(); i++) {
      Tensor t = graphInputs.get(i);
      values.put(t, checkedInput(i, t, inputsByTensorId.get(t.id())));
    }
    if (inputsByTensorId.size() != graphInputs.size()) {
      throw new InterpreterException(
          "model "
              + source()
              + ": inputs given for tensors "
              + inputsByTensorId.keySet()
              + " but the graph inputs are "
              + graphInputs.stream().map(Tensor::id).toList());
    }
    List<LayerResult> layers = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      layers.add(execute(graph.ops().get(i), steps.get(i), values));
    }
    List<TensorData> outputs = new ArrayList<>();
    for (Tensor t : graph().outputs()) {
      TensorData v = values.activations().get(t.id());
      if (v == null) {
        throw new InterpreterException(
            "model " + source() + ": graph output " + Values.describe(t) + " is never computed");
      }
      outputs.add(v);
    }
    return new InterpreterRun(graph(), layers, values.activations(), outputs);
  }

  private LayerResult execute(Op op, OpRunner.Step step, Values values) {
    long start = System.nanoTime();
    TensorData out;
    try {
      out = step.run(values);
    } catch (IllegalArgumentException
        | IllegalStateException
        | ArithmeticException
        | IndexOutOfBoundsException e) {
      throw InterpreterException.at(source(), op, e.getMessage(), e);
    }
    long nanos = System.nanoTime() - start;
    Tensor t = op.output();
    if (out.type() != t.type() || out.length() != Shapes.elements(t)) {
      throw InterpreterException.at(
          source(),
          op,
          "runner produced "
              + out.length()
              + " "
              + out.type()
              + " values for "
              + Values.describe(t),
          null);
    }
    values.put(t, out);
    return new LayerResult(op, out, nanos);
  }

  /** Validates one graph input and copies it, so callers may reuse their arrays. */
  private TensorData checkedInput(int position, Tensor t, TensorData given) {
    String what = "model " + source() + ": input " + position + " " + Values.describe(t);
    if (given == null) {
      throw new InterpreterException(what + " was not given");
    }
    if (t.type() != DataType.INT8 && t.type() != DataType.FLOAT32) {
      throw new InterpreterException(what + ": only INT8 and FLOAT32 inputs are supported");
    }
    if (given.type() != t.type()) {
      throw new InterpreterException(what + " needs " + t.type() + " data, got " + given.type());
    }
    if (given.length() != Shapes.elements(t)) {
      throw new InterpreterException(
          what + " needs " + Shapes.elements(t) + " values, got " + given.length());
    }
    return given instanceof TensorData.Int8 b
        ? TensorData.int8(b.values().clone())
        : TensorData.float32(given.float32().clone());
  }

  private String source() {
    return graph.source();
  }
}
