package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.prepare.Preparer;

/** A one-channel depthwise convolution with a depth multiplier becomes the CONV_2D it is. */
class DepthwiseAsConvTest {

  private final List<Tensor> tensors = new ArrayList<>();

  private Tensor add(String name, Shape s, DataType type, Quantization q, byte[] data) {
    Tensor t = new Tensor(tensors.size(), name, s, type, q, data, false);
    tensors.add(t);
    return t;
  }

  /** in [1, 5, 5, inC] -> depthwise 3x3, stride 2, SAME, multiplier m, per-channel weights. */
  private Graph depthwise(int inC, int m) {
    int outC = inC * m;
    Tensor in =
        add("in", Shape.of(1, 5, 5, inC), DataType.INT8, Quantization.perTensor(0.05f, -3), null);
    byte[] w = new byte[9 * outC];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) (i * 7 - 60);
    }
    float[] scales = new float[outC];
    for (int i = 0; i < outC; i++) {
      scales[i] = 0.01f * (i + 1);
    }
    Tensor f =
        add(
            "f",
            Shape.of(1, 3, 3, outC),
            DataType.INT8,
            new Quantization(scales, new int[outC], 3),
            w);
    ByteBuffer b = ByteBuffer.allocate(4 * outC).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < outC; i++) {
      b.putInt(100 * i - 50);
    }
    Tensor bias = add("b", Shape.of(outC), DataType.INT32, Quantization.NONE, b.array());
    Tensor out =
        add("out", Shape.of(1, 3, 3, outC), DataType.INT8, Quantization.perTensor(0.1f, 4), null);
    Op op =
        new Op.DepthwiseConv2D(0, in, f, bias, out, Padding.SAME, 2, 2, 1, 1, m, Activation.RELU6);
    return new Graph("dw", "test", tensors, List.of(op), List.of(in), List.of(out));
  }

  @Test
  void oneInputChannelWithAMultiplierBecomesAConvWithTheSameArithmetic() {
    PreparedGraph prepared = Preparer.prepare(depthwise(1, 3));
    PreparedOp before = prepared.op(0);
    PreparedOp after = DepthwiseAsConv.apply(prepared, null).op(0);

    assertThat(after.op()).isInstanceOf(Op.Conv2D.class);
    Op.Conv2D conv = (Op.Conv2D) after.op();
    Op.DepthwiseConv2D dw = (Op.DepthwiseConv2D) before.op();
    assertThat(conv.filter().shape()).isEqualTo(Shape.of(3, 3, 3, 1));
    assertThat(conv.filter().id()).isEqualTo(dw.filter().id());
    byte[] from = dw.filter().data();
    byte[] to = conv.filter().data();
    for (int tap = 0; tap < 9; tap++) {
      for (int m = 0; m < 3; m++) {
        assertThat(to[m * 9 + tap]).as("channel %d tap %d", m, tap).isEqualTo(from[tap * 3 + m]);
      }
    }
    assertThat(conv.bias()).isSameAs(dw.bias());
    assertThat(conv.input()).isSameAs(dw.input());
    assertThat(conv.output()).isSameAs(dw.output());

    OpParams.DepthwiseConv p = before.params(OpParams.DepthwiseConv.class);
    OpParams.Conv q = after.params(OpParams.Conv.class);
    assertThat(q.inputOffset()).isEqualTo(p.inputOffset());
    assertThat(q.outputOffset()).isEqualTo(p.outputOffset());
    assertThat(q.outputMultiplier()).containsExactly(p.outputMultiplier());
    assertThat(q.outputShift()).containsExactly(p.outputShift());
    assertThat(new int[] {q.actMin(), q.actMax()}).containsExactly(p.actMin(), p.actMax());
    assertThat(new int[] {q.strideH(), q.strideW(), q.padH(), q.padW()})
        .containsExactly(p.strideH(), p.strideW(), p.padH(), p.padW());
    assertThat(new int[] {q.padHOffset(), q.padWOffset(), q.dilationH(), q.dilationW()})
        .containsExactly(p.padHOffset(), p.padWOffset(), p.dilationH(), p.dilationW());
  }

  @Test
  void theGeneratedCodeCallsTheConvolutionWithTheReLaidOutWeights() {
    GeneratedModel m =
        new CodeGenerator().generate(Preparer.prepare(depthwise(1, 3)), CodegenOptions.defaults());
    assertThat(m.files().get("model.c"))
        .contains("tsn_convolve_wrapper_start_s8(")
        .doesNotContain("tsn_depthwise_conv_wrapper_s8(")
        .contains("op0_filter_dims = { 3, 3, 3, 1 }");
    // channel 0's row is taps 0, 3, 6, ... of the depthwise layout: -60, -39, -18, ...
    assertThat(m.files().get("model_weights.c")).contains("-60, -39, -18, 3,");
  }

  @Test
  void severalInputChannelsOrNoMultiplierStayDepthwise() {
    for (Graph g : List.of(depthwise(2, 2), new DepthwiseAsConvTest().depthwise(1, 1))) {
      PreparedGraph prepared = Preparer.prepare(g);
      assertThat(DepthwiseAsConv.apply(prepared, null).op(0).op())
          .isInstanceOf(Op.DepthwiseConv2D.class);
    }
  }
}
