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
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.prepare.Preparer;

/**
 * Runs a prepared int8 graph on the Java reference kernels: the oracle the generated C is
 * checked against. Graph inputs are int8 ({@link TensorData#int8}) or, for models that start
 * with a float32 QUANTIZE, float32; outputs are int8, or float32 after a DEQUANTIZE.
 * An interpreter holds no per-run state, so it can be reused (also from several threads).
 *
 * <pre>{@code
 * ReferenceInterpreter interp = ReferenceInterpreter.load(Path.of("person_detect.tflite"));
 * byte[] scores = interp.run(TensorData.int8(image)).get(0).int8();
 * InterpreterRun run = interp.runAll(TensorData.int8(image));   // every layer's output
 * run.firstMismatch(boardBytesByOpIndex).ifPresent(m -> fail(m.describe()));
 * }</pre>
 */
public final class ReferenceInterpreter {

  private final PreparedGraph prepared;
  private final OpRunners runners;
  private final Constants constants = new Constants();

  public ReferenceInterpreter(PreparedGraph prepared) {
    this(prepared, OpRunners.standard());
  }

  ReferenceInterpreter(PreparedGraph prepared, OpRunners runners) {
    this.prepared = prepared;
    this.runners = runners;
    for (PreparedOp p : prepared.ops()) {
      if (!runners.supports(p.op())) {
        throw InterpreterException.at(source(), p.op(), "operator kind not supported by the "
            + "reference interpreter", null);
      }
    }
  }

  /** The operator kinds this interpreter runs. */
  public static Set<OpKind> supportedKinds() {
    return OpRunners.standard().kinds();
  }

  /** Imports, prepares and wraps a .tflite file. */
  public static ReferenceInterpreter load(Path tflite) {
    return new ReferenceInterpreter(Preparer.prepare(TfliteImporter.load(tflite)));
  }

  public Graph graph() {
    return prepared.graph();
  }

  public PreparedGraph prepared() {
    return prepared;
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
      throw new InterpreterException("model " + source() + " has " + graphInputs.size()
          + " input(s), got " + inputs.size());
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
      throw new InterpreterException("model " + source() + ": inputs given for tensors "
          + inputsByTensorId.keySet() + " but the graph inputs are "
          + graphInputs.stream().map(Tensor::id).toList());
    }
    List<LayerResult> layers = new ArrayList<>(prepared.ops().size());
    for (PreparedOp p : prepared.ops()) {
      layers.add(execute(p, values));
    }
    List<TensorData> outputs = new ArrayList<>();
    for (Tensor t : graph().outputs()) {
      TensorData v = values.activations().get(t.id());
      if (v == null) {
        throw new InterpreterException("model " + source() + ": graph output "
            + Values.describe(t) + " is never computed");
      }
      outputs.add(v);
    }
    return new InterpreterRun(graph(), layers, values.activations(), outputs);
  }

  private LayerResult execute(PreparedOp p, Values values) {
    Op op = p.op();
    long start = System.nanoTime();
    TensorData out;
    try {
      out = runners.run(op, p, values);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
        | IndexOutOfBoundsException e) {
      throw InterpreterException.at(source(), op, e.getMessage(), e);
    }
    long nanos = System.nanoTime() - start;
    Tensor t = op.output();
    if (out.type() != t.type() || out.length() != Shapes.elements(t)) {
      throw InterpreterException.at(source(), op, "runner produced " + out.length() + " "
          + out.type() + " values for " + Values.describe(t), null);
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
      throw new InterpreterException(what + " needs " + t.type() + " data, got "
          + given.type());
    }
    if (given.length() != Shapes.elements(t)) {
      throw new InterpreterException(what + " needs " + Shapes.elements(t) + " values, got "
          + given.length());
    }
    return given instanceof TensorData.Int8 b ? TensorData.int8(b.values().clone())
        : TensorData.float32(given.float32().clone());
  }

  private String source() {
    return prepared.graph().source();
  }
}
