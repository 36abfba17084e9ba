package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.training.TrainStep.Param;

/**
 * Derives, prunes, orders and plans one training step (batch 1) from a forward graph and a spec.
 *
 * <p>Forward runs every op that leads to the logits and on to the softmax the loss reads (a
 * dequantize or other tail after it is dropped). Backward visits ops in reverse and, for each op
 * whose output needs a gradient ({@link GradientFlow}): masks the gradient by the fused activation,
 * computes the input gradients that are needed, then the weight gradient of the updated channels
 * and the bias gradient. In {@link CompileMode#SPARSE_REORDERED} each update follows its gradient
 * at once; in the other modes all updates run after the backward pass, so every gradient lives
 * until then.
 */
public final class TrainingCompiler {

  /** Gradients of weights and biases, and momentum, are float32 (QAS-scaled for int8). */
  static final DataType PARAM_GRADIENT_TYPE = DataType.FLOAT32;

  private final Graph graph;
  private final TrainingSpec spec;
  private final CompileMode mode;
  private final Map<Integer, UpdateRule> updates;
  private final GradientFlow flow;
  private final List<TensorDraft> tensors = new ArrayList<>();
  private final List<TrainStep> steps = new ArrayList<>();
  private final Map<Integer, Integer> activationIds = new HashMap<>();
  private final Map<Integer, Integer> gradientIds = new HashMap<>();
  private final Map<Integer, Integer> weightCopyIds = new HashMap<>();
  private final Map<Integer, Integer> biasCopyIds = new HashMap<>();
  private final Map<Integer, Integer> weightMasterIds = new HashMap<>();
  private final Map<Integer, Integer> biasMasterIds = new HashMap<>();
  private final List<TrainStep.Update> deferredUpdates = new ArrayList<>();

  private TrainingCompiler(PreparedGraph forward, TrainingSpec spec, CompileMode mode) {
    this.graph = forward.graph();
    this.spec = spec;
    this.mode = mode;
    this.updates =
        mode == CompileMode.FULL_UPDATE
            ? LayerSelection.everything(graph)
            : LayerSelection.resolve(graph, spec);
    if (updates.isEmpty()) {
      throw new TrainingSpecException(spec.source() + ": the spec updates no layer");
    }
    this.flow = GradientFlow.analyse(graph, updates, spec.source());
  }

  public static TrainingProgram compile(
      PreparedGraph forward, TrainingSpec spec, CompileMode mode) {
    TrainingCompiler c = new TrainingCompiler(forward, spec, mode);
    c.parameterCopies();
    c.forwardPass();
    c.backwardPass();
    return ProgramPlanner.plan(forward, spec, mode, c.updates, c.tensors, c.steps);
  }

  /** Tensor fields known before lifetimes are; {@link ProgramPlanner} adds the lifetimes. */
  record TensorDraft(
      String name, TensorRole role, DataType type, Shape shape, int irTensor, int op) {
    long bytes() {
      return type.bytesFor(shape.elementCount());
    }
  }

  private int add(String name, TensorRole role, DataType type, Shape shape, int irTensor, int op) {
    tensors.add(new TensorDraft(name, role, type, shape, irTensor, op));
    return tensors.size() - 1;
  }

  private void parameterCopies() {
    ParamPrecision precision = spec.paramPrecision();
    for (Map.Entry<Integer, UpdateRule> e : updates.entrySet()) {
      Op op = graph.ops().get(e.getKey());
      int i = op.index();
      UpdateRule rule = e.getValue();
      if (rule.updatesWeights()) {
        Tensor w = LayerSelection.weights(op);
        weightCopyIds.put(
            i, add("W:op" + i, TensorRole.WEIGHT_COPY, w.type(), w.shape(), w.id(), i));
        if (precision.hasMaster()) {
          weightMasterIds.put(
              i,
              add(
                  "Wm:op" + i,
                  TensorRole.WEIGHT_MASTER,
                  precision.weightType(),
                  weightSlice(op, rule),
                  w.id(),
                  i));
        }
      }
      Tensor bias = LayerSelection.bias(op);
      if (rule.updatesBias() && bias != null) {
        biasCopyIds.put(
            i, add("b:op" + i, TensorRole.BIAS_COPY, bias.type(), bias.shape(), bias.id(), i));
        if (precision.hasMaster()) {
          biasMasterIds.put(
              i,
              add(
                  "bm:op" + i,
                  TensorRole.BIAS_MASTER,
                  precision.biasType(),
                  bias.shape(),
                  bias.id(),
                  i));
        }
      }
    }
  }

  private void forwardPass() {
    Tensor input = graph.inputs().get(0);
    activationIds.put(
        input.id(),
        add("in:" + input.name(), TensorRole.INPUT, input.type(), input.shape(), input.id(), -1));
    for (Op op : graph.ops()) {
      if (!flow.opLive[op.index()]) {
        continue;
      }
      List<Integer> inputs = new ArrayList<>();
      for (int[] slot : GradientFlow.activationInputs(op)) {
        Integer id = activationIds.get(slot[1]);
        if (id == null) {
          throw new TrainingSpecException(
              "op "
                  + op.index()
                  + " "
                  + op.opName()
                  + " reads tensor "
                  + graph.tensor(slot[1]).name()
                  + " which no op before it produces");
        }
        inputs.add(id);
      }
      Tensor out = op.output();
      int outId =
          add(
              "act:" + out.name(),
              TensorRole.ACTIVATION,
              out.type(),
              out.shape(),
              out.id(),
              op.index());
      activationIds.put(out.id(), outId);
      steps.add(
          new TrainStep.Forward(
              op.index(),
              op.opName(),
              inputs,
              outId,
              weightCopyIds.getOrDefault(op.index(), -1),
              biasCopyIds.getOrDefault(op.index(), -1)));
    }
  }

  private void backwardPass() {
    Op logitsOp = graph.ops().get(flow.logitsOp);
    Tensor logits = logitsOp.output();
    Tensor scores = flow.softmaxOp < 0 ? logits : graph.ops().get(flow.softmaxOp).output();
    int gradLogits = gradientOf(logits);
    steps.add(
        new TrainStep.LossGradient(
            logitsOp.index(),
            flow.softmaxOp,
            activationIds.get(scores.id()),
            gradLogits,
            (int) logits.shape().elementCount()));
    for (int i = flow.logitsOp; i >= 0; i--) {
      Op op = graph.ops().get(i);
      if (flow.opLive[i] && flow.needsGradient(op.output())) {
        backward(op);
      }
    }
    steps.addAll(deferredUpdates);
  }

  private void backward(Op op) {
    int gradOut = gradientIds.get(op.output().id());
    Activation act = fusedActivation(op);
    if (act != Activation.NONE) {
      steps.add(
          new TrainStep.ActivationMask(
              op.index(), act, activationIds.get(op.output().id()), gradOut));
    }
    boolean aliased = false;
    for (int[] slot : GradientFlow.activationInputs(op)) {
      Tensor in = graph.tensor(slot[1]);
      if (!flow.needsGradient(in)) {
        continue;
      }
      boolean exists = gradientIds.containsKey(in.id());
      boolean identity = isIdentityGradient(op, in);
      if (identity && !exists && !aliased) {
        // Same values, same bytes: the input's gradient is the output's buffer, no step.
        // Only one input may take it over, or masks further down would change the other's.
        gradientIds.put(in.id(), gradOut);
        aliased = true;
        continue;
      }
      int gradIn = exists ? gradientIds.get(in.id()) : gradientOf(in);
      int saved = op instanceof Op.MaxPool2D ? activationIds.get(in.id()) : -1;
      // Kernels that overwrite their destination need a temporary to add into an existing sum.
      int scratch =
          exists && !identity
              ? add(
                  "dX+:" + in.name() + "@op" + op.index(),
                  TensorRole.ACTIVATION_GRADIENT,
                  spec.activationGradientType(),
                  in.shape(),
                  in.id(),
                  -1)
              : -1;
      steps.add(
          new TrainStep.InputGradient(
              op.index(),
              op.opName(),
              slot[0],
              gradOut,
              gradIn,
              exists,
              weightCopyIds.getOrDefault(op.index(), -1),
              saved,
              scratch));
    }
    UpdateRule rule = updates.get(op.index());
    if (rule == null) {
      return;
    }
    int outChannels = LayerSelection.outputChannels(op);
    if (rule.updatesWeights()) {
      List<Integer> channels =
          rule instanceof UpdateRule.Channels ch ? ch.indices() : all(outChannels);
      int dW =
          add(
              "dW:op" + op.index(),
              TensorRole.WEIGHT_GRADIENT,
              PARAM_GRADIENT_TYPE,
              weightSlice(op, rule),
              LayerSelection.weights(op).id(),
              op.index());
      int input = activationIds.get(op.inputs().get(0).id());
      steps.add(new TrainStep.WeightGradient(op.index(), gradOut, input, dW, channels));
      update(op, Param.WEIGHTS, dW, channels);
    }
    Tensor bias = LayerSelection.bias(op);
    if (rule.updatesBias() && bias != null) {
      List<Integer> channels = all(outChannels);
      int db =
          add(
              "db:op" + op.index(),
              TensorRole.BIAS_GRADIENT,
              PARAM_GRADIENT_TYPE,
              bias.shape(),
              bias.id(),
              op.index());
      steps.add(new TrainStep.BiasGradient(op.index(), gradOut, db, channels));
      update(op, Param.BIAS, db, channels);
    }
  }

  private void update(Op op, Param param, int gradient, List<Integer> channels) {
    boolean weights = param == Param.WEIGHTS;
    int copy = (weights ? weightCopyIds : biasCopyIds).get(op.index());
    Integer master = (weights ? weightMasterIds : biasMasterIds).get(op.index());
    int target = master == null ? copy : master;
    int requantizeInto = master == null ? -1 : copy;
    int momentum = -1;
    if (spec.optimizer().hasState()) {
      TensorDraft g = tensors.get(gradient);
      momentum =
          add(
              (weights ? "mW:op" : "mb:op") + op.index(),
              TensorRole.MOMENTUM,
              PARAM_GRADIENT_TYPE,
              g.shape(),
              g.irTensor(),
              op.index());
    }
    TrainStep.Update u =
        new TrainStep.Update(
            op.index(), param, gradient, target, momentum, channels, requantizeInto);
    if (mode == CompileMode.SPARSE_REORDERED) {
      steps.add(u);
    } else {
      deferredUpdates.add(u);
    }
  }

  private int gradientOf(Tensor t) {
    int id =
        add(
            "dX:" + t.name(),
            TensorRole.ACTIVATION_GRADIENT,
            spec.activationGradientType(),
            t.shape(),
            t.id(),
            -1);
    gradientIds.put(t.id(), id);
    return id;
  }

  /** Reshape, element-wise add (no broadcast) and requantize pass the gradient through. */
  private static boolean isIdentityGradient(Op op, Tensor input) {
    boolean passThrough =
        op instanceof Op.Reshape || op instanceof Op.Add || op instanceof Op.Quantize;
    return passThrough && input.shape().elementCount() == op.output().shape().elementCount();
  }

  /** Shape of the updated weight rows: the channel dimension shrinks to the updated count. */
  static Shape weightSlice(Op op, UpdateRule rule) {
    int[] dims = LayerSelection.weights(op).shape().dims();
    if (rule instanceof UpdateRule.Channels ch) {
      int channelAxis = op instanceof Op.DepthwiseConv2D ? 3 : 0;
      dims[channelAxis] = ch.count();
    }
    return new Shape(dims);
  }

  static Activation fusedActivation(Op op) {
    if (op instanceof Op.Conv2D c) {
      return c.activation();
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return d.activation();
    }
    if (op instanceof Op.FullyConnected f) {
      return f.activation();
    }
    if (op instanceof Op.Add a) {
      return a.activation();
    }
    if (op instanceof Op.AveragePool2D p) {
      return p.activation();
    }
    if (op instanceof Op.MaxPool2D p) {
      return p.activation();
    }
    return Activation.NONE;
  }

  private static List<Integer> all(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
