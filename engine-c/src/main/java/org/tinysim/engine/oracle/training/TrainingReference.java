package org.tinysim.engine.oracle.training;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.ConvParams;
import org.tinysim.engine.oracle.DepthwiseConvParams;
import org.tinysim.engine.oracle.OpPreparation;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.engine.training.ChannelRuns;
import org.tinysim.engine.training.TrainStep;
import org.tinysim.engine.training.TrainTensor;
import org.tinysim.engine.training.TrainableOp;
import org.tinysim.engine.training.TrainingProgram;

/**
 * Runs a {@link TrainingProgram} in Java, one sample at a time, exactly as the generated training
 * firmware does: the int8 forward of the reference interpreter on the current parameters, then the
 * program's backward and update steps in order with {@link TrainKernels}. Padding and activation
 * clamps come from the oracle's own Prepare step ({@link OpPreparation}), not from the program's
 * prepared forward graph. Parameters are int8/int32, with or without quantisation-aware scaling as
 * the spec says, or (fp32 parameters) float masters of the updated rows, re-quantised into the
 * int8/int32 copy after every update.
 */
public final class TrainingReference {

  private final TrainingProgram program;
  private final ParameterState params;
  private final SgdParams sgd;
  private final Map<Integer, float[]> momentum = new HashMap<>();
  private final Map<Integer, float[]> masters = new HashMap<>();
  private final Map<Integer, TrainableOp> layers = new HashMap<>();
  private final Map<Integer, TrainableOp> geometry = new HashMap<>();
  private final Xorshift32 rng = new Xorshift32(TrainingProgram.RNG_SEED);
  private ReferenceInterpreter current;
  private Map<Integer, float[]> lastGradients = Map.of();

  public TrainingReference(TrainingProgram program) {
    this.program = program;
    this.params = new ParameterState(program.graph());
    this.sgd =
        new SgdParams(
            (float) program.spec().optimizer().learningRate(),
            (float) program.spec().optimizer().momentum(),
            program.spec().qas());
    if (program.spec().activationGradientType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          program.spec().source()
              + ": the board kernels keep "
              + "activation gradients in fp32, not "
              + program.spec().activationGradientType());
    }
    for (int op : program.updates().keySet()) {
      layers.put(op, geometry(forwardOp(op)));
    }
  }

  public TrainingProgram program() {
    return program;
  }

  /** The current parameters (updated weights and biases by IR tensor id). */
  public ParameterState parameters() {
    return params;
  }

  /** Every gradient of the last step, by program tensor id (for diagnostics and tests). */
  public Map<Integer, float[]> lastGradients() {
    return lastGradients;
  }

  /** The model with the current parameters. */
  public Graph graph() {
    return params.graph();
  }

  /** Graph output (int8) for one input on the current parameters. */
  public byte[] infer(byte[] input) {
    return interpreter().run(TensorData.int8(input)).get(0).int8();
  }

  /**
   * One training step on one labelled sample; returns the forward's output (before the update), so
   * callers can count training accuracy.
   */
  public byte[] step(byte[] input, int label) {
    InterpreterRun run = interpreter().runAll(TensorData.int8(input));
    Map<Integer, float[]> grads = new HashMap<>();
    for (TrainStep s : program.steps()) {
      execute(s, run, grads, label);
    }
    lastGradients = Map.copyOf(grads);
    current = null;
    return run.output(0).int8();
  }

  private ReferenceInterpreter interpreter() {
    if (current == null) {
      current = new ReferenceInterpreter(params.graph());
    }
    return current;
  }

  private void execute(TrainStep s, InterpreterRun run, Map<Integer, float[]> grads, int label) {
    if (s instanceof TrainStep.LossGradient l) {
      grads.put(l.gradient(), TrainKernels.softmaxCrossEntropyGrad(probabilities(l, run), label));
    } else if (s instanceof TrainStep.ActivationMask m) {
      ActivationRange clamp = OpPreparation.fusedActivationRange(forwardOp(m.op()));
      TrainKernels.activationMask(
          saved(run, m.output()), clamp.min(), clamp.max(), grads.get(m.gradient()));
    } else if (s instanceof TrainStep.InputGradient g) {
      inputGradient(g, grads);
    } else if (s instanceof TrainStep.WeightGradient w) {
      grads.put(w.gradWeights(), weightGradient(w, run, grads.get(w.gradOutput())));
    } else if (s instanceof TrainStep.BiasGradient b) {
      TrainableOp layer = layer(b.op());
      float[] out = new float[b.channels().size()];
      for (int[] r : ChannelRuns.of(b.channels())) {
        float[] part =
            TrainKernels.biasGrad(
                grads.get(b.gradOutput()), layer.pixelsOut(), layer.outChannels(), r[0], r[1]);
        System.arraycopy(part, 0, out, r[2], part.length);
      }
      grads.put(b.gradBias(), out);
    } else if (s instanceof TrainStep.Update u) {
      update(u, grads.get(u.gradient()));
    }
  }

  /** The int8 softmax output the loss starts from (the kernel takes probabilities). */
  private byte[] probabilities(TrainStep.LossGradient l, InterpreterRun run) {
    if (l.softmaxOp() < 0) {
      throw new IllegalArgumentException(
          "on-device training needs a model ending in SOFTMAX; "
              + program.graph().source()
              + " has none after layer "
              + l.op());
    }
    return saved(run, l.scores());
  }

  private byte[] saved(InterpreterRun run, int tensorId) {
    return run.tensor(program.tensor(tensorId).irTensor()).int8();
  }

  private void inputGradient(TrainStep.InputGradient g, Map<Integer, float[]> grads) {
    Op op = forwardOp(g.op());
    float[] gOut = grads.get(g.gradOutput());
    float[] gIn;
    if (op instanceof Op.Conv2D
        || op instanceof Op.FullyConnected
        || op instanceof Op.DepthwiseConv2D) {
      TrainableOp l = anyLayer(g.op());
      byte[] w = params.weights(l.weights());
      if (l.kind() == TrainableOp.Kind.CONV) {
        throw new IllegalArgumentException(TrainableOp.NO_CONV_INPUT_GRADIENT + g.op());
      }
      gIn =
          l.kind() == TrainableOp.Kind.POINTWISE
              ? TrainKernels.pointwiseInputGrad(
                  gOut, l.out(), w, l.wScale(), l.strideH(), l.strideW(), l.in())
              : TrainKernels.depthwiseInputGrad(
                  gOut,
                  l.out(),
                  w,
                  l.kernelH(),
                  l.kernelW(),
                  l.wScale(),
                  l.strideH(),
                  l.strideW(),
                  l.padH(),
                  l.padW(),
                  l.in());
    } else if (op instanceof Op.AveragePool2D || op instanceof Op.Mean) {
      int pixels = GlobalPool.pixels(op);
      gIn = TrainKernels.globalAvgPoolGrad(gOut, pixels);
    } else if (op instanceof Op.Reshape || op instanceof Op.Add) {
      gIn = gOut.clone();
    } else {
      throw new IllegalArgumentException(
          "no backward for layer " + g.op() + " (" + op.opName() + ")");
    }
    if (g.accumulate()) {
      TrainKernels.accumulate(grads.get(g.gradInput()), gIn);
    } else {
      grads.put(g.gradInput(), gIn);
    }
  }

  private float[] weightGradient(TrainStep.WeightGradient w, InterpreterRun run, float[] gOut) {
    TrainableOp l = layer(w.op());
    byte[] x = saved(run, w.input());
    float[] out = new float[w.channels().size() * l.rowLen()];
    for (int[] r : ChannelRuns.of(w.channels())) {
      float[] part =
          switch (l.kind()) {
            case POINTWISE ->
                TrainKernels.pointwiseWeightGrad(
                    gOut,
                    l.out(),
                    x,
                    l.in(),
                    l.inputOffset(),
                    l.xScale(),
                    l.strideH(),
                    l.strideW(),
                    r[0],
                    r[1]);
            case CONV ->
                TrainKernels.convWeightGrad(
                    gOut,
                    l.out(),
                    x,
                    l.in(),
                    l.inputOffset(),
                    l.xScale(),
                    l.kernelH(),
                    l.kernelW(),
                    l.strideH(),
                    l.strideW(),
                    l.padH(),
                    l.padW(),
                    r[0],
                    r[1]);
            case DEPTHWISE ->
                TrainKernels.depthwiseWeightGrad(
                    gOut,
                    l.out(),
                    x,
                    l.in(),
                    l.inputOffset(),
                    l.xScale(),
                    l.kernelH(),
                    l.kernelW(),
                    l.strideH(),
                    l.strideW(),
                    l.padH(),
                    l.padW(),
                    r[0],
                    r[1]);
          };
      System.arraycopy(part, 0, out, r[2] * l.rowLen(), part.length);
    }
    return out;
  }

  private void update(TrainStep.Update u, float[] grad) {
    TrainableOp l = layer(u.op());
    boolean weights = u.param() == TrainStep.Param.WEIGHTS;
    int rowLen = weights ? l.rowLen() : 1;
    // Plain SGD keeps no state: like the firmware, the gradient buffer doubles as momentum.
    float[] m =
        u.momentum() < 0
            ? grad.clone()
            : momentum.computeIfAbsent(u.target(), id -> new float[grad.length]);
    if (u.requantizeInto() >= 0) {
      updateMaster(u, l, weights, rowLen, grad, m);
      return;
    }
    for (int[] r : ChannelRuns.of(u.channels())) {
      int from = r[2] * rowLen;
      int to = from + (r[1] - r[0]) * rowLen;
      float[] g = Arrays.copyOfRange(grad, from, to);
      float[] mr = Arrays.copyOfRange(m, from, to);
      if (!weights) {
        TrainKernels.sgdmUpdateBias(
            params.bias(l.bias()), g, mr, r[0], r[1], l.wScale(), l.xScale(), sgd);
      } else if (l.kind() != TrainableOp.Kind.DEPTHWISE) {
        TrainKernels.sgdmUpdateInt8(
            params.weights(l.weights()), g, mr, rowLen, r[0], r[1], l.wScale(), sgd, rng);
      } else {
        TrainKernels.sgdmUpdateDepthwiseInt8(
            params.weights(l.weights()),
            g,
            mr,
            rowLen,
            l.outChannels(),
            r[0],
            r[1],
            l.wScale(),
            sgd,
            rng);
      }
      System.arraycopy(mr, 0, m, from, mr.length);
    }
  }

  /** fp32 parameters: SGD on the float master rows, then re-quantise them into the copy. */
  private void updateMaster(
      TrainStep.Update u, TrainableOp l, boolean weights, int rowLen, float[] grad, float[] m) {
    if (weights && l.kind() == TrainableOp.Kind.DEPTHWISE) {
      throw new IllegalArgumentException(TrainableOp.FP32_DEPTHWISE + u.op());
    }
    float[] master =
        masters.computeIfAbsent(u.target(), id -> initialMaster(l, weights, u.channels()));
    TrainKernels.sgdmUpdateFloat(master, grad, m, 0, sgd);
    for (int[] r : ChannelRuns.of(u.channels())) {
      float[] rows = Arrays.copyOfRange(master, r[2] * rowLen, (r[2] + r[1] - r[0]) * rowLen);
      if (weights) {
        TrainKernels.requantizeWeights(
            rows, rowLen, r[0], r[1], l.wScale(), params.weights(l.weights()));
      } else {
        TrainKernels.requantizeBias(
            rows, r[0], r[1], l.wScale(), l.xScale(), params.bias(l.bias()));
      }
    }
  }

  /**
   * The float master of the updated rows as the firmware initialises it at boot: (float) w * s[c]
   * for weights, ((float) b * s[c]) * x_scale for biases.
   */
  private float[] initialMaster(TrainableOp l, boolean weights, List<Integer> channels) {
    int rowLen = weights ? l.rowLen() : 1;
    float[] master = new float[channels.size() * rowLen];
    for (int i = 0; i < channels.size(); i++) {
      int c = channels.get(i);
      for (int k = 0; k < rowLen; k++) {
        master[i * rowLen + k] =
            weights
                ? (float) params.weights(l.weights())[c * rowLen + k] * l.wScale()[c]
                : ((float) params.bias(l.bias())[c] * l.wScale()[c]) * l.xScale();
      }
    }
    return master;
  }

  /** Geometry of any layer with weights, trained or not (backward passes through it). */
  private TrainableOp anyLayer(int op) {
    return geometry.computeIfAbsent(op, i -> geometry(forwardOp(i)));
  }

  private Op forwardOp(int index) {
    return program.graph().ops().get(index);
  }

  /** Layer geometry with the leading padding of the oracle's own conv params. */
  private static TrainableOp geometry(Op op) {
    if (op instanceof Op.Conv2D c) {
      ConvParams p = OpPreparation.conv(c);
      return TrainableOp.of(op, p.padH(), p.padW());
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      DepthwiseConvParams p = OpPreparation.depthwise(d);
      return TrainableOp.of(op, p.padH(), p.padW());
    }
    return TrainableOp.of(op, 0, 0);
  }

  private TrainableOp layer(int op) {
    TrainableOp l = layers.get(op);
    if (l == null) {
      throw new IllegalArgumentException(
          "layer " + op + " has no update rule in " + program.spec().source());
    }
    return l;
  }

  /** Tensor of the program by id, for callers reporting on it. */
  public TrainTensor tensor(int id) {
    return program.tensor(id);
  }
}
