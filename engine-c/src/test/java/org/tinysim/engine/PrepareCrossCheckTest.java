package org.tinysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.OpKind;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.AddParams;
import org.tinysim.engine.oracle.ConvParams;
import org.tinysim.engine.oracle.DepthwiseConvParams;
import org.tinysim.engine.oracle.FullyConnectedParams;
import org.tinysim.engine.oracle.LogSoftmaxParams;
import org.tinysim.engine.oracle.MeanParams;
import org.tinysim.engine.oracle.MulParams;
import org.tinysim.engine.oracle.OpPreparation;
import org.tinysim.engine.oracle.PoolParams;
import org.tinysim.engine.oracle.RequantizeParams;
import org.tinysim.engine.oracle.SoftmaxParams;
import org.tinysim.engine.oracle.interpreter.SharedFiles;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.TestModels;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * Two independent derivations of TFLite's Prepare-step integers checked against each other: the
 * compiler's {@code prepare.Preparer} (what the generated C is built from) and the oracle's own
 * {@code oracle.OpPreparation} (what the reference interpreter runs on), for every operator of the
 * test models, the repository's models and the ../shared models.
 */
class PrepareCrossCheckTest {

  /** The test models, named; together they use every operator kind. */
  private static Map<String, byte[]> testModels() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int padding : new int[] {TestModels.SAME, TestModels.VALID}) {
      for (int stride : new int[] {1, 2}) {
        for (int act :
            new int[] {
              TestModels.NONE, TestModels.RELU, TestModels.RELU_N1_TO_1, TestModels.RELU6
            }) {
          for (int dilation : new int[] {1, 2}) {
            m.put(
                "conv_p" + padding + "_s" + stride + "_a" + act + "_d" + dilation,
                TestModels.conv(padding, stride, act, dilation));
          }
        }
      }
    }
    m.put("depthwise", TestModels.depthwise());
    m.put("fully_connected", TestModels.fullyConnected());
    for (int act : new int[] {TestModels.NONE, TestModels.RELU, TestModels.RELU6}) {
      m.put("add_a" + act, TestModels.binary(BuiltinOperators.ADD, act));
      m.put("mul_a" + act, TestModels.binary(BuiltinOperators.MUL, act));
    }
    m.put("average_pool", TestModels.pool(BuiltinOperators.AVERAGE_POOL_2D));
    m.put("max_pool", TestModels.pool(BuiltinOperators.MAX_POOL_2D));
    m.put("mean_keep", TestModels.mean(true));
    m.put("mean", TestModels.mean(false));
    m.put("pad", TestModels.pad());
    m.put("reshape", TestModels.reshape());
    m.put("transpose", TestModels.transpose());
    m.put("softmax", TestModels.softmax(-128));
    m.put("log_softmax_int8", TestModels.logSoftmax(true));
    m.put("log_softmax_float", TestModels.logSoftmax(false));
    m.put("quantize_chain", TestModels.quantizeChain());
    m.put("concatenation", TestModels.concatenation());
    m.put("chain", TestModels.chain());
    return m;
  }

  @Test
  void testModelsAgreeOnEveryOperatorOfEveryKind() {
    Set<OpKind> seen = EnumSet.noneOf(OpKind.class);
    for (Map.Entry<String, byte[]> e : testModels().entrySet()) {
      seen.addAll(checkAllOps(TfliteImporter.load(e.getValue(), e.getKey() + ".tflite")));
    }
    assertThat(seen).containsExactlyInAnyOrder(OpKind.values());
  }

  @Test
  void repositoryAndGoldenModelsAgree() {
    Path root = repositoryRoot();
    List<Path> models = new ArrayList<>(tflites(root.resolve("models")));
    models.addAll(tflites(root.resolve("golden-tests").resolve("suites")));
    assertThat(models).isNotEmpty();
    int ops = 0;
    for (Path p : models) {
      Graph g = TfliteImporter.load(p);
      checkAllOps(g);
      ops += g.ops().size();
    }
    assertThat(ops).isPositive();
  }

  @Test
  void sharedModelsAgree() {
    List<Path> models = tflites(SharedFiles.modelsDir());
    int checked = 0;
    for (Path p : models) {
      Graph g;
      try {
        g = TfliteImporter.load(p);
      } catch (UnsupportedOperatorException notImportable) {
        continue; // e.g. an LSTM model: neither side prepares it
      }
      checkAllOps(g);
      checked++;
    }
    assertThat(checked)
        .as("importable shared models under %s", SharedFiles.modelsDir())
        .isPositive();
  }

  @Test
  void bothSidesRefuseASoftmaxWithTheWrongOutputQuantisation() {
    Graph g = TfliteImporter.load(TestModels.softmax(0), "softmax_zp0.tflite");
    Op.Softmax op = (Op.Softmax) g.ops().get(0);
    assertThatThrownBy(() -> Preparer.prepare(g)).hasMessageContaining("zero point -128");
    assertThatThrownBy(() -> OpPreparation.softmax(op)).hasMessageContaining("zero point -128");
  }

  /** Compares every operator; returns the kinds seen. */
  private static Set<OpKind> checkAllOps(Graph g) {
    Set<OpKind> kinds = EnumSet.noneOf(OpKind.class);
    for (Op op : g.ops()) {
      OpParams compiler = Preparer.prepare(g, op);
      String where = g.source() + " operator " + op.index() + " (" + op.opName() + ")";
      check(op, compiler, where);
      kinds.add(op.kind());
    }
    return kinds;
  }

  private static void check(Op op, OpParams compiler, String where) {
    // A switch expression over the kind: a new kind does not compile until it is compared here.
    boolean compared =
        switch (op.kind()) {
          case CONV_2D -> conv(OpPreparation.conv((Op.Conv2D) op), (OpParams.Conv) compiler, where);
          case DEPTHWISE_CONV_2D ->
              depthwise(
                  OpPreparation.depthwise((Op.DepthwiseConv2D) op),
                  (OpParams.DepthwiseConv) compiler,
                  where);
          case FULLY_CONNECTED ->
              fullyConnected(
                  OpPreparation.fullyConnected((Op.FullyConnected) op),
                  (OpParams.FullyConnected) compiler,
                  where);
          case ADD -> add(OpPreparation.add((Op.Add) op), (OpParams.Add) compiler, where);
          case MUL -> mul(OpPreparation.mul((Op.Mul) op), (OpParams.Mul) compiler, where);
          case AVERAGE_POOL_2D ->
              pool(OpPreparation.pool((Op.AveragePool2D) op), (OpParams.Pool) compiler, where);
          case MAX_POOL_2D ->
              pool(OpPreparation.pool((Op.MaxPool2D) op), (OpParams.Pool) compiler, where);
          case MEAN -> mean(OpPreparation.mean((Op.Mean) op), (OpParams.Mean) compiler, where);
          case PAD -> {
            assertThat(((OpParams.Pad) compiler).padValue())
                .as(where)
                .isEqualTo(OpPreparation.padValue((Op.Pad) op));
            yield true;
          }
          case RESHAPE -> {
            assertThat(((OpParams.Reshape) compiler).bytes())
                .as(where)
                .isEqualTo(op.output().sizeInBytes());
            yield true;
          }
          case TRANSPOSE -> {
            assertThat(((OpParams.Transpose) compiler).perm())
                .as(where)
                .isEqualTo(((Op.Transpose) op).perm());
            yield true;
          }
          case SOFTMAX ->
              softmax(OpPreparation.softmax((Op.Softmax) op), (OpParams.Softmax) compiler, where);
          case LOG_SOFTMAX -> logSoftmax((Op.LogSoftmax) op, compiler, where);
          case QUANTIZE -> quantize((Op.Quantize) op, compiler, where);
          case DEQUANTIZE -> {
            OpParams.Dequantize d = (OpParams.Dequantize) compiler;
            Quantization q = op.inputs().get(0).quantization();
            assertThat(d.scale()).as(where).isEqualTo(q.scale());
            assertThat(d.zeroPoint()).as(where).isEqualTo(q.zeroPoint());
            yield true;
          }
          case CONCATENATION ->
              concatenation((Op.Concatenation) op, (OpParams.Concatenation) compiler, where);
        };
    assertThat(compared).isTrue();
  }

  private static boolean conv(ConvParams o, OpParams.Conv c, String where) {
    assertThat(
            new int[] {
              o.inputOffset(),
              o.outputOffset(),
              o.strideH(),
              o.strideW(),
              o.dilationH(),
              o.dilationW(),
              o.padH(),
              o.padW(),
              o.activationMin(),
              o.activationMax()
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.inputOffset(),
              c.outputOffset(),
              c.strideH(),
              c.strideW(),
              c.dilationH(),
              c.dilationW(),
              c.padH(),
              c.padW(),
              c.actMin(),
              c.actMax()
            });
    assertThat(o.outputMultiplier()).as(where + " multipliers").isEqualTo(c.outputMultiplier());
    assertThat(o.outputShift()).as(where + " shifts").isEqualTo(c.outputShift());
    return true;
  }

  private static boolean depthwise(DepthwiseConvParams o, OpParams.DepthwiseConv c, String where) {
    assertThat(
            new int[] {
              o.inputOffset(),
              o.outputOffset(),
              o.strideH(),
              o.strideW(),
              o.dilationH(),
              o.dilationW(),
              o.padH(),
              o.padW(),
              o.depthMultiplier(),
              o.activationMin(),
              o.activationMax()
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.inputOffset(),
              c.outputOffset(),
              c.strideH(),
              c.strideW(),
              c.dilationH(),
              c.dilationW(),
              c.padH(),
              c.padW(),
              c.depthMultiplier(),
              c.actMin(),
              c.actMax()
            });
    assertThat(o.outputMultiplier()).as(where + " multipliers").isEqualTo(c.outputMultiplier());
    assertThat(o.outputShift()).as(where + " shifts").isEqualTo(c.outputShift());
    return true;
  }

  /** Per-tensor weights: the oracle keeps one multiplier, the compiler repeats it per neuron. */
  private static boolean fullyConnected(
      FullyConnectedParams o, OpParams.FullyConnected c, String where) {
    assertThat(
            new int[] {
              o.inputOffset(),
              o.filterOffset(),
              o.outputOffset(),
              o.activationMin(),
              o.activationMax()
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.inputOffset(), c.filterOffset(), c.outputOffset(), c.actMin(), c.actMax()
            });
    int[] multipliers = o.outputMultiplier();
    int[] shifts = o.outputShift();
    assertThat(multipliers.length > 1)
        .as(where + " per-channel")
        .isEqualTo(c.perChannel() && c.outputMultiplier().length > 1);
    for (int i = 0; i < c.outputMultiplier().length; i++) {
      int k = multipliers.length == 1 ? 0 : i;
      assertThat(multipliers[k]).as(where + " multiplier " + i).isEqualTo(c.outputMultiplier()[i]);
      assertThat(shifts[k]).as(where + " shift " + i).isEqualTo(c.outputShift()[i]);
    }
    return true;
  }

  private static boolean add(AddParams o, OpParams.Add c, String where) {
    assertThat(
            new int[] {
              o.input1Offset(),
              o.input2Offset(),
              o.outputOffset(),
              o.leftShift(),
              o.input1Multiplier(),
              o.input1Shift(),
              o.input2Multiplier(),
              o.input2Shift(),
              o.outputMultiplier(),
              o.outputShift(),
              o.activationMin(),
              o.activationMax()
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.input1Offset(),
              c.input2Offset(),
              c.outputOffset(),
              c.leftShift(),
              c.input1Multiplier(),
              c.input1Shift(),
              c.input2Multiplier(),
              c.input2Shift(),
              c.outputMultiplier(),
              c.outputShift(),
              c.actMin(),
              c.actMax()
            });
    return true;
  }

  private static boolean mul(MulParams o, OpParams.Mul c, String where) {
    assertThat(
            new int[] {
              o.input1Offset(),
              o.input2Offset(),
              o.outputOffset(),
              o.outputMultiplier(),
              o.outputShift(),
              o.activationMin(),
              o.activationMax()
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.input1Offset(),
              c.input2Offset(),
              c.outputOffset(),
              c.outputMultiplier(),
              c.outputShift(),
              c.actMin(),
              c.actMax()
            });
    return true;
  }

  private static boolean pool(PoolParams o, OpParams.Pool c, String where) {
    assertThat(
            new int[] {
              o.strideH(),
              o.strideW(),
              o.filterH(),
              o.filterW(),
              o.padH(),
              o.padW(),
              o.activationMin(),
              o.activationMax()
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.strideH(),
              c.strideW(),
              c.filterH(),
              c.filterW(),
              c.padH(),
              c.padW(),
              c.actMin(),
              c.actMax()
            });
    return true;
  }

  private static boolean mean(MeanParams o, OpParams.Mean c, String where) {
    assertThat(new int[] {o.inputZeroPoint(), o.outputZeroPoint(), o.multiplier(), o.shift()})
        .as(where)
        .isEqualTo(new int[] {c.inputZeroPoint(), c.outputZeroPoint(), c.multiplier(), c.shift()});
    return true;
  }

  private static boolean softmax(SoftmaxParams o, OpParams.Softmax c, String where) {
    assertThat(new int[] {o.inputMultiplier(), o.inputLeftShift(), o.diffMin()})
        .as(where)
        .isEqualTo(new int[] {c.inputMultiplier(), c.inputLeftShift(), c.diffMin()});
    return true;
  }

  private static boolean logSoftmax(Op.LogSoftmax op, OpParams compiler, String where) {
    if (op.input().type() == DataType.FLOAT32) {
      assertThat(compiler).as(where).isInstanceOf(OpParams.FloatOp.class);
      return true;
    }
    LogSoftmaxParams o = OpPreparation.logSoftmax(op);
    OpParams.LogSoftmax c = (OpParams.LogSoftmax) compiler;
    assertThat(
            new int[] {
              o.inputMultiplier(),
              o.inputLeftShift(),
              o.reverseScalingDivisor(),
              o.reverseScalingRightShift(),
              o.diffMin(),
              LogSoftmaxParams.OUTPUT_ZERO_POINT
            })
        .as(where)
        .isEqualTo(
            new int[] {
              c.inputMultiplier(),
              c.inputLeftShift(),
              c.reverseScalingDivisor(),
              c.reverseScalingRightShift(),
              c.diffMin(),
              c.outputZeroPoint()
            });
    return true;
  }

  private static boolean quantize(Op.Quantize op, OpParams compiler, String where) {
    if (op.input().type() == DataType.FLOAT32) {
      OpParams.Quantize c = (OpParams.Quantize) compiler;
      Quantization q = op.output().quantization();
      assertThat(c.outputScale()).as(where).isEqualTo(q.scale());
      assertThat(c.outputZeroPoint()).as(where).isEqualTo(q.zeroPoint());
      return true;
    }
    RequantizeParams o = OpPreparation.requantize(op);
    OpParams.Requantize c = (OpParams.Requantize) compiler;
    assertThat(new int[] {o.inputZeroPoint(), o.outputZeroPoint(), o.multiplier(), o.shift()})
        .as(where)
        .isEqualTo(new int[] {c.inputZeroPoint(), c.outputZeroPoint(), c.multiplier(), c.shift()});
    return true;
  }

  /** The oracle reads each input's quantisation from the IR and requantises what differs. */
  private static boolean concatenation(
      Op.Concatenation op, OpParams.Concatenation c, String where) {
    List<Tensor> inputs = op.inputs();
    Quantization out = op.output().quantization();
    boolean anyDiffers = false;
    for (int i = 0; i < inputs.size(); i++) {
      Quantization q = inputs.get(i).quantization();
      assertThat(c.inputScales()[i]).as(where + " input " + i).isEqualTo(q.scale());
      assertThat(c.inputZeroPoints()[i]).as(where + " input " + i).isEqualTo(q.zeroPoint());
      assertThat(c.inputAxisSizes()[i])
          .as(where + " input " + i)
          .isEqualTo(inputs.get(i).shape().dim(op.axis()));
      anyDiffers |= q.scale() != out.scale() || q.zeroPoint() != out.zeroPoint();
    }
    assertThat(c.requantize()).as(where + " requantize").isEqualTo(anyDiffers);
    return true;
  }

  private static List<Path> tflites(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkout root: the nearest ancestor of the working directory with pom.xml and models/. */
  private static Path repositoryRoot() {
    List<Path> tried = new ArrayList<>();
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("models"))) {
        return p;
      }
      tried.add(p);
    }
    throw new IllegalStateException("no models/ folder above " + tried.get(0));
  }
}
