package org.tinysim.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.TestModels;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

class PreparerTest {

  private static final int Q30 = 1 << 30;

  private static OpParams params(byte[] model, int op) {
    Graph g = TfliteImporter.load(model, "test.tflite");
    return Preparer.prepare(g).op(op).params();
  }

  @Test
  void convPerChannelMultipliersPaddingAndRange() {
    var p = (OpParams.Conv) params(TestModels.conv(TestModels.SAME, 2, TestModels.RELU6, 1), 0);
    // 0.5 * {0.25, 0.125, 0.0625, 0.5} / 1.0 = {2^-3, 2^-4, 2^-5, 2^-2}
    assertThat(p.outputMultiplier()).containsExactly(Q30, Q30, Q30, Q30);
    assertThat(p.outputShift()).containsExactly(-2, -3, -4, -1);
    assertThat(p.inputOffset()).isEqualTo(128);
    assertThat(p.outputOffset()).isEqualTo(-1);
    // RELU6 with scale 1, zp -1: [max(-128, -1), min(127, -1 + 6)]
    assertThat(p.actMin()).isEqualTo(-1);
    assertThat(p.actMax()).isEqualTo(5);
    assertThat(p.strideH()).isEqualTo(2);
    assertThat(p.padH()).isZero();
    assertThat(p.padHOffset()).isEqualTo(1);
  }

  @Test
  void convDilationPadding() {
    var p = (OpParams.Conv) params(TestModels.conv(TestModels.SAME, 1, TestModels.NONE, 2), 0);
    assertThat(p.dilationH()).isEqualTo(2);
    assertThat(p.padH()).isEqualTo(2);
    assertThat(p.padW()).isEqualTo(2);
    assertThat(p.padWOffset()).isZero();
    assertThat(p.actMin()).isEqualTo(-128);
    assertThat(p.actMax()).isEqualTo(127);
  }

  @Test
  void depthwiseParams() {
    var p = (OpParams.DepthwiseConv) params(TestModels.depthwise(), 0);
    assertThat(p.depthMultiplier()).isEqualTo(2);
    assertThat(p.outputMultiplier()).hasSize(8);
    // channel 0: 0.5 * 0.1 / 0.1 = 0.5; channel 1: 0.5 * 0.2 / 0.1 = 1.0
    assertThat(p.outputMultiplier()[0]).isEqualTo(Q30);
    assertThat(p.outputShift()[0]).isZero();
    assertThat(p.outputMultiplier()[1]).isEqualTo(Q30);
    assertThat(p.outputShift()[1]).isEqualTo(1);
    QuantizedMultiplier c7 = QuantMath.quantizeMultiplier(0.5 * (double) 0.8f / (double) 0.1f);
    assertThat(p.outputMultiplier()[7]).isEqualTo(c7.multiplier());
    assertThat(p.outputShift()[7]).isEqualTo(c7.shift()).isEqualTo(3);
    // RELU6, scale 0.1 zp -128: max = -128 + 60
    assertThat(p.actMin()).isEqualTo(-128);
    assertThat(p.actMax()).isEqualTo(-68);
    assertThat(p.inputOffset()).isZero();
    assertThat(p.padHOffset()).isEqualTo(1);
  }

  @Test
  void fullyConnectedUsesFloatProductForPerTensorWeights() {
    var p = (OpParams.FullyConnected) params(TestModels.fullyConnected(), 0);
    float product = 0.1f * 0.02f;
    QuantizedMultiplier expected = QuantMath.quantizeMultiplier((double) product / 0.3f);
    assertThat(p.perChannel()).isFalse();
    assertThat(p.outputMultiplier()).hasSize(10).containsOnly(expected.multiplier());
    assertThat(p.outputShift()).containsOnly(-7);
    assertThat(p.inputOffset()).isEqualTo(128);
    assertThat(p.filterOffset()).isZero();
    assertThat(p.outputOffset()).isEqualTo(5);
    assertThat(p.actMin()).isEqualTo(5); // RELU: max(-128, zp)
    assertThat(p.batches()).isEqualTo(1);
    assertThat(p.inputDepth()).isEqualTo(16);
  }

  @Test
  void addUsesLeftShift20AndTwiceMaxScale() {
    var p = (OpParams.Add) params(TestModels.binary(BuiltinOperators.ADD, TestModels.NONE), 0);
    assertThat(p.leftShift()).isEqualTo(20);
    // twice max = 1.0: 0.5 / 1 -> (2^30, 0); 0.25 / 1 -> (2^30, -1); 1 / (2^20 * 1) -> shift -19
    assertThat(p.input1Multiplier()).isEqualTo(Q30);
    assertThat(p.input1Shift()).isZero();
    assertThat(p.input2Multiplier()).isEqualTo(Q30);
    assertThat(p.input2Shift()).isEqualTo(-1);
    assertThat(p.outputMultiplier()).isEqualTo(Q30);
    assertThat(p.outputShift()).isEqualTo(-19);
    assertThat(p.input1Offset()).isEqualTo(10);
    assertThat(p.input2Offset()).isEqualTo(-3);
    assertThat(p.outputOffset()).isEqualTo(-128);
    assertThat(p.broadcast()).isTrue();
  }

  @Test
  void mulMultiplier() {
    var p = (OpParams.Mul) params(TestModels.binary(BuiltinOperators.MUL, TestModels.RELU), 0);
    assertThat(p.outputMultiplier()).isEqualTo(Q30); // 0.5 * 0.25 / 1 = 2^-3
    assertThat(p.outputShift()).isEqualTo(-2);
    assertThat(p.actMin()).isEqualTo(-128);
  }

  @Test
  void poolParams() {
    var p = (OpParams.Pool) params(TestModels.pool(BuiltinOperators.AVERAGE_POOL_2D), 0);
    assertThat(p).isEqualTo(new OpParams.Pool(2, 2, 3, 3, 1, 1, 0, 127));
  }

  @Test
  void meanParams() {
    var p = (OpParams.Mean) params(TestModels.mean(true), 0);
    assertThat(p.multiplier()).isEqualTo(Q30); // 0.5 / 0.25 = 2
    assertThat(p.shift()).isEqualTo(2);
    assertThat(p.inputZeroPoint()).isEqualTo(2);
    assertThat(p.outputZeroPoint()).isEqualTo(-1);
    assertThat(p.axes()).containsExactly(1, 2);
    assertThat(p.elementsPerOutput()).isEqualTo(16);
    assertThat(p.keepDims()).isTrue();
  }

  @Test
  void shapeOpParams() {
    var pad = (OpParams.Pad) params(TestModels.pad(), 0);
    assertThat(pad.padValue()).isEqualTo(-7);
    assertThat(pad.before()).containsExactly(0, 1, 0, 0);
    assertThat(((OpParams.Reshape) params(TestModels.reshape(), 0)).bytes()).isEqualTo(24);
    assertThat(((OpParams.Transpose) params(TestModels.transpose(), 0)).perm())
        .containsExactly(0, 3, 1, 2);
    var cat = (OpParams.Concatenation) params(TestModels.concatenation(), 0);
    assertThat(cat.axis()).isEqualTo(3);
    assertThat(cat.outerSize()).isEqualTo(4);
    assertThat(cat.innerSize()).isEqualTo(1);
    assertThat(cat.inputAxisSizes()).containsExactly(3, 5);
    assertThat(cat.requantize()).isFalse();
  }

  @Test
  void softmaxParams() {
    var p = (OpParams.Softmax) params(TestModels.softmax(-128), 0);
    assertThat(p.inputMultiplier()).isEqualTo(Q30);
    assertThat(p.inputLeftShift()).isEqualTo(23);
    assertThat(p.diffMin()).isEqualTo(-248);
  }

  @Test
  void softmaxRejectsNonStandardOutputQuantization() {
    Graph g = TfliteImporter.load(TestModels.softmax(0), "sm.tflite");
    assertThatThrownBy(() -> Preparer.prepare(g))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("sm.tflite")
        .hasMessageContaining("operator 0 (SOFTMAX)")
        .hasMessageContaining("1/256");
  }

  @Test
  void logSoftmaxParams() {
    var p = (OpParams.LogSoftmax) params(TestModels.logSoftmax(true), 0);
    assertThat(p.inputMultiplier()).isEqualTo(Q30);
    assertThat(p.inputLeftShift()).isEqualTo(23);
    // 2^(31-23) / 2^30 = 2^-22 = 0.5 * 2^-21
    assertThat(p.reverseScalingDivisor()).isEqualTo(Q30);
    assertThat(p.reverseScalingRightShift()).isEqualTo(21);
    assertThat(p.diffMin()).isEqualTo(-248);
    assertThat(p.outputZeroPoint()).isEqualTo(127);
    assertThat(params(TestModels.logSoftmax(false), 0)).isInstanceOf(OpParams.FloatOp.class);
  }

  @Test
  void quantizeRequantizeDequantize() {
    Graph g = TfliteImporter.load(TestModels.quantizeChain(), "q");
    PreparedGraph pg = Preparer.prepare(g);
    assertThat(pg.op(0).params()).isEqualTo(new OpParams.Quantize(0.5f, 3));
    // 0.5 / 0.25 = 2 = 0.5 * 2^2
    assertThat(pg.op(1).params()).isEqualTo(new OpParams.Requantize(3, -2, Q30, 2));
    assertThat(pg.op(2).params()).isEqualTo(new OpParams.Dequantize(0.25f, -2));
  }

  @Test
  void preparedGraphKeepsOrderAndTypedAccess() {
    Graph g = TfliteImporter.load(TestModels.chain(), "chain");
    PreparedGraph pg = Preparer.prepare(g);
    assertThat(pg.ops()).hasSize(7);
    assertThat(pg.ops())
        .extracting(p -> p.params().getClass().getSimpleName())
        .containsExactly(
            "Conv", "DepthwiseConv", "Add", "Pool", "Reshape", "FullyConnected", "Softmax");
    assertThat(pg.op(0).op()).isSameAs(g.ops().get(0));
    assertThat(pg.op(3).params(OpParams.Pool.class).filterH()).isEqualTo(8);
    assertThatThrownBy(() -> pg.op(3).params(OpParams.Conv.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AVERAGE_POOL_2D");
  }
}
