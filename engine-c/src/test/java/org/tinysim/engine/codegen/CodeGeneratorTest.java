package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** Structure of the generated C for a small conv -> depthwise -> reshape -> softmax graph. */
class CodeGeneratorTest {

  private final List<Tensor> tensors = new ArrayList<>();

  private Tensor named(String name) {
    return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private Tensor act(String name, Shape s, float scale, int zp) {
    Tensor t =
        new Tensor(
            tensors.size(), name, s, DataType.INT8, Quantization.perTensor(scale, zp), null, false);
    tensors.add(t);
    return t;
  }

  private Tensor int8(String name, Shape s, Quantization q) {
    Tensor t =
        new Tensor(
            tensors.size(), name, s, DataType.INT8, q, new byte[(int) s.elementCount()], false);
    tensors.add(t);
    return t;
  }

  private Tensor int32(String name, int n) {
    Tensor t =
        new Tensor(
            tensors.size(),
            name,
            Shape.of(n),
            DataType.INT32,
            Quantization.NONE,
            ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN).array(),
            false);
    tensors.add(t);
    return t;
  }

  private Graph chain(int depthMultiplier) {
    Tensor in = act("in", Shape.of(1, 8, 8, 3), 0.05f, -1);
    Tensor f = int8("f", Shape.of(4, 3, 3, 3), Quantization.perTensor(0.01f, 0));
    Tensor c = act("c", Shape.of(1, 8, 8, 4), 0.1f, 2);
    int dwC = 4 * depthMultiplier;
    Tensor df = int8("df", Shape.of(1, 3, 3, dwC), Quantization.perTensor(0.02f, 0));
    Tensor d = act("d", Shape.of(1, 8, 8, dwC), 0.1f, 0);
    Tensor r = act("r", Shape.of(1, 64 * dwC), 0.1f, 0);
    Tensor s = act("s", Shape.of(1, 64 * dwC), 1f / 256, -128);
    List<Op> ops =
        List.of(
            new Op.Conv2D(0, in, f, int32("b", 4), c, Padding.SAME, 1, 1, 1, 1, Activation.RELU),
            new Op.DepthwiseConv2D(
                1, c, df, null, d, Padding.SAME, 1, 1, 1, 1, depthMultiplier, Activation.NONE),
            new Op.Reshape(2, d, null, r),
            new Op.Softmax(3, r, s, 1f));
    return new Graph("chain", "test", tensors, ops, List.of(in), List.of(s));
  }

  @Test
  void emitsOneStaticFunctionPerOpAndTimesEachOne() {
    GeneratedModel m =
        new CodeGenerator().generate(Preparer.prepare(chain(1)), CodegenOptions.defaults());
    String c = m.files().get("model.c");
    assertThat(m.files())
        .containsOnlyKeys("model.h", "model.c", "model_weights.h", "model_weights.c", "main.c");
    for (int i = 0; i < 4; i++) {
      assertThat(c)
          .contains("static tsn_status op" + i + "(void)")
          .contains("tinysim_layer_cycles[" + i + "] = dwt_cycles() - start;");
    }
    assertThat(c)
        .contains("tsn_convolve_wrapper_start_s8(")
        .contains("tsn_depthwise_conv_wrapper_s8(")
        .contains("tsn_softmax_s8(")
        .doesNotContain("{{");
    assertThat(m.files().get("model.h"))
        .contains("#define TINYSIM_MODEL_OPS 4")
        .contains("extern int8_t tinysim_input[TINYSIM_INPUT_BYTES];");
    assertThat(m.files().get("main.c")).contains("bkpt 0x42").contains("tinysim_command");
    assertThat(m.files().get("model_weights.c"))
        .contains("const int8_t w1_f[108]")
        .contains("__attribute__((aligned(4)))");
  }

  @Test
  void convStartValuesFoldTheInputOffsetIntoTheBiasAndWrapLikeInt32() {
    // two channels of k = 3; the second row sums to -381, the first to 381
    byte[] w = {127, 127, 127, -127, -127, -127};
    Tensor f =
        new Tensor(
            0,
            "f",
            Shape.of(2, 1, 1, 3),
            DataType.INT8,
            Quantization.perTensor(0.01f, 0),
            w,
            false);
    byte[] b =
        ByteBuffer.allocate(8)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(Integer.MAX_VALUE)
            .putInt(-5)
            .array();
    Tensor bias = new Tensor(1, "b", Shape.of(2), DataType.INT32, Quantization.NONE, b, false);

    assertThat(Conv2DEmitter.startValues(f, bias, 3))
        .containsExactly(Integer.MAX_VALUE + 3 * 381, -5 - 3 * 381);
    assertThat(Conv2DEmitter.startValues(f, null, -128)).containsExactly(-128 * 381, 128 * 381);

    GeneratedModel m =
        new CodeGenerator().generate(Preparer.prepare(chain(1)), CodegenOptions.defaults());
    // chain's conv: zero weights and bias, so every start value is 0; the bias array is unused
    assertThat(m.files().get("model.c"))
        .contains("static const int32_t op0_start[4] = {")
        .contains("op0_start,");
    assertThat(m.files().get("model_weights.c")).doesNotContain("_b[4]");

    // on-device training rewrites weights and biases: nothing is folded, the bias array stays
    GeneratedModel trained =
        new CodeGenerator()
            .generate(
                Preparer.prepare(chain(1)), CodegenOptions.defaults().withWeightsWritable(true));
    assertThat(trained.files().get("model.c"))
        .contains("tsn_convolve_wrapper_s8(")
        .doesNotContain("_start");
    assertThat(trained.files().get("model_weights.c")).contains("_b[4]");
  }

  @Test
  void reshapeAliasesItsInputAndConvScratchIsPlanned() {
    GeneratedModel m =
        new CodeGenerator().generate(Preparer.prepare(chain(1)), CodegenOptions.defaults());
    ArenaPlan arena = m.arena();
    assertThat(arena.bufferOf(named("r")))
        .as("reshape output buffer")
        .isEqualTo(arena.bufferOf(named("d")));
    // 3x3 conv: two im2col columns of 3*3*3 bytes, rounded to words.
    assertThat(arena.scratchBytes(0)).isEqualTo(56);
    assertThat(m.files().get("model.c"))
        .contains("{ (tinysim_arena + " + arena.scratchOffset(0) + "), 56 }");
    assertThat(m.inputs()).singleElement().extracting(IoBuffer::symbol).isEqualTo("tinysim_input");
    assertThat(m.outputs().get(0).bytes()).isEqualTo(256);
    assertThat(m.sizes().greedy()).isLessThanOrEqualTo(m.sizes().linear());
    assertThat(m.memoryReport())
        .startsWith("memory plan of chain:")
        .contains("op1")
        .contains("'d' 1x8x8x4");
  }

  @Test
  void inPlaceDepthwiseIsUsedOnlyWhenGranted() {
    GeneratedModel m =
        new CodeGenerator()
            .generate(Preparer.prepare(chain(1)), CodegenOptions.defaults().withInPlace(true));
    assertThat(m.arena().inPlace(1)).isTrue();
    assertThat(m.arena().offsetOf(named("d"))).isEqualTo(m.arena().offsetOf(named("c")));
    assertThat(m.files().get("model.c")).contains("(in place)").contains("scatter");
  }

  @Test
  void depthMultiplierAboveOneNeverRunsInPlace() {
    GeneratedModel m =
        new CodeGenerator()
            .generate(Preparer.prepare(chain(2)), CodegenOptions.defaults().withInPlace(true));
    assertThat(m.arena().inPlace(1)).isFalse();
    assertThat(m.files().get("model.c")).doesNotContain("(in place)");
  }

  @Test
  void unsupportedOpsAreNamed() {
    Tensor a = act("a", Shape.of(1, 4), 0.1f, 0);
    Tensor b = act("b", Shape.of(1, 4), 0.1f, 0);
    Tensor o = act("o", Shape.of(1, 4), 0.1f, 0);
    Graph g =
        new Graph(
            "mul",
            "test",
            tensors,
            List.of(new Op.Mul(0, a, b, o, Activation.NONE)),
            List.of(a, b),
            List.of(o));
    assertThatThrownBy(
            () -> new CodeGenerator().generate(Preparer.prepare(g), CodegenOptions.defaults()))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("operator 0 (MUL)")
        .hasMessageContaining("CONV_2D");
  }

  @Test
  void meanOverNonConsecutiveAxesIsRejected() {
    Tensor in = act("in", Shape.of(1, 4, 4, 3), 0.1f, 0);
    Tensor axes = int32("axes", 2);
    Tensor o = act("o", Shape.of(1, 4), 0.1f, 0);
    Graph g =
        new Graph(
            "mean",
            "test",
            tensors,
            List.of(new Op.Mean(0, in, axes, o, new int[] {1, 3}, false)),
            List.of(in),
            List.of(o));
    assertThatThrownBy(
            () -> new CodeGenerator().generate(Preparer.prepare(g), CodegenOptions.defaults()))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("[1, 3]");
  }

  @Test
  void floatLiteralsRoundTripExactly() {
    for (float f : new float[] {0.0485425f, 1e-7f, 3.4e38f, 0.1f}) {
      String literal = CSyntax.floatLiteral(f);
      assertThat(literal).endsWith("f");
      assertThat(Float.parseFloat(literal)).isEqualTo(f);
    }
    assertThat(CSyntax.literal(Integer.MIN_VALUE)).isEqualTo("INT32_MIN");
  }

  @Test
  void broadcastingAddIsRejectedWithTheShapes() {
    Tensor a = act("a", Shape.of(1, 2, 2, 3), 0.1f, 0);
    Tensor b = act("b", Shape.of(1, 1, 1, 3), 0.1f, 0);
    Tensor o = act("o", Shape.of(1, 2, 2, 3), 0.3f, 0);
    Graph g =
        new Graph(
            "add",
            "test",
            tensors,
            List.of(new Op.Add(0, a, b, o, Activation.NONE)),
            List.of(a, b),
            List.of(o));
    assertThatThrownBy(
            () -> new CodeGenerator().generate(Preparer.prepare(g), CodegenOptions.defaults()))
        .hasMessageContaining("1x2x2x3")
        .hasMessageContaining("broadcasting");
  }
}
