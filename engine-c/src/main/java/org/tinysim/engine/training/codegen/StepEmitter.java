package org.tinysim.engine.training.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.training.ActivationClamp;
import org.tinysim.engine.training.ChannelRuns;
import org.tinysim.engine.training.TrainStep;
import org.tinysim.engine.training.TrainableOp;
import org.tinysim.engine.training.TrainingProgram;

/**
 * The C of a program's steps: the saves after each forward op and one kernel call per backward or
 * update step. Mirrors the oracle's TrainingReference call for call (same kernels, channel runs,
 * buffer offsets), which is what makes the board's parameters bit-identical to the reference's.
 */
final class StepEmitter {

  private final TrainingProgram program;
  private final GeneratedModel forward;
  private final TrainingCodeGenerator.WeightSymbols symbols;
  private final Graph graph;
  private final Map<Integer, TrainableOp> layers = new TreeMap<>();
  private final Map<Integer, Integer> momentumFloats = new LinkedHashMap<>();
  private final Map<Integer, Integer> masterFloats = new LinkedHashMap<>();
  private final StringBuilder init = new StringBuilder();
  private int scratchFloats;

  StepEmitter(
      TrainingProgram program,
      GeneratedModel forward,
      TrainingCodeGenerator.WeightSymbols symbols) {
    this.program = program;
    this.forward = forward;
    this.symbols = symbols;
    this.graph = program.forward().graph();
  }

  /** Program tensors backward reads from the forward pass (saved activations). */
  private Set<Integer> savedTensors() {
    Set<Integer> saved = new LinkedHashSet<>();
    for (TrainStep s : program.steps()) {
      if (s instanceof TrainStep.LossGradient l) {
        saved.add(l.scores());
      } else if (s instanceof TrainStep.ActivationMask m) {
        saved.add(m.output());
      } else if (s instanceof TrainStep.WeightGradient w) {
        saved.add(w.input());
      } else if (s instanceof TrainStep.InputGradient g && g.savedInput() >= 0) {
        saved.add(g.savedInput());
      }
    }
    return saved;
  }

  private String save(int programTensor) {
    Tensor t = graph.tensor(program.tensor(programTensor).irTensor());
    return "    memcpy(TRAIN_S8("
        + program.arenaOffset(programTensor)
        + "), tinysim_arena + "
        + forward.arena().offsetOf(t)
        + ", "
        + t.sizeInBytes()
        + "); /* save '"
        + t.name()
        + "' */\n";
  }

  String inputSaves() {
    StringBuilder out = new StringBuilder();
    Set<Integer> inputs = new LinkedHashSet<>();
    graph.inputs().forEach(t -> inputs.add(t.id()));
    for (int id : savedTensors()) {
      if (inputs.contains(program.tensor(id).irTensor())) {
        out.append(save(id));
      }
    }
    return out.toString();
  }

  List<Map<String, Object>> forwardOps() {
    Set<Integer> saved = savedTensors();
    List<Map<String, Object>> ops = new ArrayList<>();
    for (Op op : graph.ops()) {
      StringBuilder saves = new StringBuilder();
      for (int id : saved) {
        if (program.tensor(id).irTensor() == op.output().id()) {
          saves.append(save(id));
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fn", "op" + op.index());
      m.put("number", op.index() + 1);
      m.put("index", op.index());
      m.put("saves", saves.toString());
      ops.add(m);
    }
    return ops;
  }

  String backward() {
    StringBuilder out = new StringBuilder();
    for (TrainStep s : program.steps()) {
      if (s instanceof TrainStep.Forward) {
        continue;
      }
      out.append("    /* ").append(describe(s)).append(" */\n");
      if (s instanceof TrainStep.LossGradient l) {
        requireSoftmax(l);
        out.append(
            call(
                "tsn_softmax_xent_grad_s8",
                s8(l.scores()),
                l.classes(),
                "label",
                f32(l.gradient())));
      } else if (s instanceof TrainStep.ActivationMask m) {
        ActivationClamp clamp = ActivationClamp.of(program.forward().op(m.op()));
        out.append(
            call(
                "tsn_act_mask_grad",
                s8(m.output()),
                floats(m.gradient()),
                clamp.min(),
                clamp.max(),
                f32(m.gradient())));
      } else if (s instanceof TrainStep.InputGradient g) {
        inputGradient(g, out);
      } else if (s instanceof TrainStep.WeightGradient w) {
        weightGradient(w, out);
      } else if (s instanceof TrainStep.BiasGradient b) {
        TrainableOp l = layer(b.op());
        for (int[] r : ChannelRuns.of(b.channels())) {
          out.append(
              call(
                  "tsn_bias_grad",
                  f32(b.gradOutput()),
                  l.pixelsOut(),
                  l.outChannels(),
                  r[0],
                  r[1],
                  f32(b.gradBias()) + " + " + r[2]));
        }
      } else if (s instanceof TrainStep.Update u) {
        update(u, out);
      }
    }
    return out.toString();
  }

  private void inputGradient(TrainStep.InputGradient g, StringBuilder out) {
    Op op = program.forward().op(g.op()).op();
    String dst = g.accumulate() ? "tinysim_train_scratch" : f32(g.gradInput());
    int n = floats(g.gradInput());
    if (op instanceof Op.Conv2D
        || op instanceof Op.FullyConnected
        || op instanceof Op.DepthwiseConv2D) {
      TrainableOp l = layer(g.op());
      String w = symbols.of(l.weights());
      if (l.kind() == TrainableOp.Kind.CONV) {
        throw new IllegalArgumentException(TrainableOp.NO_CONV_INPUT_GRADIENT + g.op());
      }
      if (l.kind() == TrainableOp.Kind.POINTWISE) {
        out.append(
            call(
                "tsn_pointwise_input_grad_s8",
                f32(g.gradOutput()),
                dims(l.out()),
                w,
                scales(l),
                tile(l.strideH(), l.strideW()),
                dims(l.in()),
                dst));
      } else {
        out.append(
            call(
                "tsn_depthwise_input_grad_s8",
                f32(g.gradOutput()),
                dims(l.out()),
                w,
                dims(1, l.kernelH(), l.kernelW(), l.outChannels()),
                scales(l),
                tile(l.strideH(), l.strideW()),
                tile(l.padH(), l.padW()),
                dims(l.in()),
                dst));
      }
    } else if (op instanceof Op.AveragePool2D || op instanceof Op.Mean) {
      int channels = floats(g.gradOutput());
      out.append(call("tsn_global_avgpool_grad", f32(g.gradOutput()), n / channels, channels, dst));
    } else if (op instanceof Op.Reshape || op instanceof Op.Add) {
      if (g.accumulate()) {
        out.append(call("tsn_grad_accumulate", f32(g.gradInput()), f32(g.gradOutput()), n));
        return;
      }
      out.append(
          "    memmove("
              + f32(g.gradInput())
              + ", "
              + f32(g.gradOutput())
              + ", "
              + 4L * n
              + ");\n");
      return;
    } else {
      throw new IllegalArgumentException(
          "no backward for layer " + g.op() + " (" + op.opName() + ")");
    }
    if (g.accumulate()) {
      scratchFloats = Math.max(scratchFloats, n);
      out.append(call("tsn_grad_accumulate", f32(g.gradInput()), "tinysim_train_scratch", n));
    }
  }

  private void weightGradient(TrainStep.WeightGradient w, StringBuilder out) {
    TrainableOp l = layer(w.op());
    // The three kernels share their leading and trailing arguments; the filter geometry differs.
    String function;
    List<Object> geometry;
    if (l.kind() == TrainableOp.Kind.POINTWISE) {
      function = "tsn_pointwise_weight_grad_s8";
      geometry = List.of(tile(l.strideH(), l.strideW()));
    } else if (l.kind() == TrainableOp.Kind.CONV) {
      function = "tsn_conv_weight_grad_s8";
      geometry =
          List.of(
              dims(l.outChannels(), l.kernelH(), l.kernelW(), l.in().channels()),
              tile(l.strideH(), l.strideW()),
              tile(l.padH(), l.padW()));
    } else {
      function = "tsn_depthwise_weight_grad_s8";
      geometry =
          List.of(
              dims(1, l.kernelH(), l.kernelW(), l.outChannels()),
              tile(l.strideH(), l.strideW()),
              tile(l.padH(), l.padW()));
    }
    for (int[] r : ChannelRuns.of(w.channels())) {
      List<Object> args =
          new ArrayList<>(
              List.of(
                  f32(w.gradOutput()),
                  dims(l.out()),
                  s8(w.input()),
                  dims(l.in()),
                  l.inputOffset(),
                  FloatLiteral.of(l.xScale())));
      args.addAll(geometry);
      args.addAll(List.of(r[0], r[1], f32(w.gradWeights()) + " + " + r[2] * l.rowLen()));
      out.append(call(function, args.toArray()));
    }
  }

  private void update(TrainStep.Update u, StringBuilder out) {
    TrainableOp l = layer(u.op());
    boolean weights = u.param() == TrainStep.Param.WEIGHTS;
    int rowLen = weights ? l.rowLen() : 1;
    int count = u.channels().size() * rowLen;
    // Plain SGD (no momentum tensor): m = 0 * m + g lands in the dying gradient buffer.
    String m = f32(u.gradient());
    if (u.momentum() >= 0) {
      m = "tinysim_momentum_" + u.target();
      momentumFloats.put(u.target(), count);
    }
    if (u.requantizeInto() >= 0) {
      updateMaster(u, l, weights, rowLen, count, m, out);
      return;
    }
    for (int[] r : ChannelRuns.of(u.channels())) {
      int from = r[2] * rowLen;
      String g = f32(u.gradient()) + " + " + from;
      if (!weights) {
        out.append(
            call(
                "tsn_sgdm_update_bias_s32",
                symbols.of(l.bias()),
                g,
                m + " + " + from,
                r[0],
                r[1],
                scales(l),
                FloatLiteral.of(l.xScale()),
                "&tinysim_sgd"));
      } else if (l.kind() != TrainableOp.Kind.DEPTHWISE) {
        out.append(
            call(
                "tsn_sgdm_update_s8",
                symbols.of(l.weights()),
                g,
                m + " + " + from,
                rowLen,
                r[0],
                r[1],
                scales(l),
                "&tinysim_sgd",
                "&tinysim_rng"));
      } else {
        out.append(
            call(
                "tsn_sgdm_update_dw_s8",
                symbols.of(l.weights()),
                g,
                m + " + " + from,
                rowLen,
                l.outChannels(),
                r[0],
                r[1],
                scales(l),
                "&tinysim_sgd",
                "&tinysim_rng"));
      }
    }
  }

  /** fp32 parameters: float master rows, initialised at boot from the int8/int32 copy. */
  private void updateMaster(
      TrainStep.Update u,
      TrainableOp l,
      boolean weights,
      int rowLen,
      int count,
      String momentum,
      StringBuilder out) {
    if (weights && l.kind() == TrainableOp.Kind.DEPTHWISE) {
      throw new IllegalArgumentException(TrainableOp.FP32_DEPTHWISE + u.op());
    }
    String master = "tinysim_master_" + u.target();
    masterFloats.put(u.target(), count);
    String copy = symbols.of(weights ? l.weights() : l.bias());
    out.append(
        call("tsn_sgdm_update_f32", master, f32(u.gradient()), momentum, count, "&tinysim_sgd"));
    for (int[] r : ChannelRuns.of(u.channels())) {
      init.append("    for (int32_t c = ")
          .append(r[0])
          .append("; c < ")
          .append(r[1])
          .append("; c++) {\n");
      if (weights) {
        init.append("        for (int32_t k = 0; k < ")
            .append(rowLen)
            .append("; k++) {\n")
            .append("            ")
            .append(master)
            .append("[(")
            .append(r[2])
            .append(" + c - ")
            .append(r[0])
            .append(") * ")
            .append(rowLen)
            .append(" + k] = (float)")
            .append(copy)
            .append("[c * ")
            .append(rowLen)
            .append(" + k] * ")
            .append(scales(l))
            .append("[c];\n        }\n");
        out.append(
            call(
                "tsn_requantize_params_f32",
                master + " + " + r[2] * rowLen,
                rowLen,
                r[0],
                r[1],
                scales(l),
                FloatLiteral.of(l.xScale()),
                copy,
                "NULL"));
      } else {
        init.append("        ")
            .append(master)
            .append("[")
            .append(r[2])
            .append(" + c - ")
            .append(r[0])
            .append("] = ((float)")
            .append(copy)
            .append("[c] * ")
            .append(scales(l))
            .append("[c]) * ")
            .append(FloatLiteral.of(l.xScale()))
            .append(";\n");
        out.append(
            call(
                "tsn_requantize_params_f32",
                master + " + " + r[2],
                "0",
                r[0],
                r[1],
                scales(l),
                FloatLiteral.of(l.xScale()),
                "NULL",
                copy));
      }
      init.append("    }\n");
    }
  }

  /** Boot-time initialisation of the fp32 masters (empty for int8 parameters). */
  String init() {
    return init.toString();
  }

  List<Map<String, Object>> masterArrays() {
    List<Map<String, Object>> out = new ArrayList<>();
    masterFloats.forEach((id, n) -> out.add(Map.of("name", "tinysim_master_" + id, "count", n)));
    return out;
  }

  List<Map<String, Object>> momentumArrays() {
    List<Map<String, Object>> out = new ArrayList<>();
    momentumFloats.forEach(
        (id, n) -> out.add(Map.of("name", "tinysim_momentum_" + id, "count", n)));
    return out;
  }

  int scratchFloats() {
    return scratchFloats;
  }

  List<Map<String, Object>> scaleArrays() {
    List<Map<String, Object>> out = new ArrayList<>();
    layers.forEach(
        (op, l) -> {
          StringBuilder values = new StringBuilder("   ");
          for (float f : l.wScale()) {
            values.append(' ').append(FloatLiteral.of(f)).append(',');
          }
          out.add(
              Map.of(
                  "name",
                  "tinysim_w_scale_op" + op,
                  "count",
                  l.wScale().length,
                  "values",
                  values.toString()));
        });
    return out;
  }

  private TrainableOp layer(int op) {
    return layers.computeIfAbsent(op, i -> TrainableOp.of(program.forward().op(i)));
  }

  private String scales(TrainableOp l) {
    return "tinysim_w_scale_op" + l.index();
  }

  private void requireSoftmax(TrainStep.LossGradient l) {
    if (l.softmaxOp() < 0) {
      throw new IllegalArgumentException(
          "on-device training needs a model ending in SOFTMAX; "
              + graph.source()
              + " has none after layer "
              + l.op());
    }
  }

  private String f32(int tensor) {
    return "TRAIN_F32(" + program.arenaOffset(tensor) + ")";
  }

  private String s8(int tensor) {
    return "TRAIN_S8(" + program.arenaOffset(tensor) + ")";
  }

  private int floats(int tensor) {
    return (int) (program.tensor(tensor).bytes() / 4);
  }

  private static String dims(Shape4 s) {
    return dims(s.batch(), s.height(), s.width(), s.channels());
  }

  private static String dims(int n, int h, int w, int c) {
    return "&(const tsn_dims){" + n + ", " + h + ", " + w + ", " + c + "}";
  }

  private static String tile(int h, int w) {
    return "&(const tsn_tile){" + h + ", " + w + "}";
  }

  /** One checked kernel call: {@code CHECK(function(arg, arg, ...));}. */
  private static String call(String function, Object... args) {
    return "    CHECK("
        + function
        + "("
        + Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(", "))
        + "));\n";
  }

  private String describe(TrainStep s) {
    Op op = program.forward().op(s.op()).op();
    return s.getClass().getSimpleName() + " of layer " + s.op() + " (" + op.opName() + ")";
  }
}
