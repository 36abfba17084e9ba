package org.tinysim.engine.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.ModelFormatException;
import org.tinysim.engine.tflite.OptionsTypes;
import org.tinysim.engine.tflite.TensorType;
import org.tinysim.engine.tflite.TestModels;
import org.tinysim.engine.tflite.TfliteTestBuilder;
import org.tinysim.engine.tflite.TfliteTestBuilder.Q;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

class TfliteImporterTest {

  private static Graph load(byte[] model) {
    return TfliteImporter.load(model, "test.tflite");
  }

  @Test
  void convertsConv2dWithTypedOptionsAndTensors() {
    Graph g = load(TestModels.conv(TestModels.VALID, 2, TestModels.RELU6, 1));

    assertThat(g.name()).isEqualTo("main");
    assertThat(g.tensors()).hasSize(4);
    Op.Conv2D conv = (Op.Conv2D) g.ops().get(0);
    assertThat(conv.index()).isZero();
    assertThat(conv.padding()).isEqualTo(Padding.VALID);
    assertThat(conv.strideH()).isEqualTo(2);
    assertThat(conv.strideW()).isEqualTo(2);
    assertThat(conv.dilationH()).isEqualTo(1);
    assertThat(conv.activation()).isEqualTo(Activation.RELU6);
    assertThat(conv.input()).isSameAs(g.inputs().get(0));
    assertThat(conv.output()).isSameAs(g.outputs().get(0));
    assertThat(conv.output().shape()).isEqualTo(Shape.of(1, 3, 3, 4));
    assertThat(conv.inputs()).extracting(Tensor::id).containsExactly(0, 1, 2);

    Tensor filter = conv.filter();
    assertThat(filter.isConstant()).isTrue();
    assertThat(filter.type()).isEqualTo(DataType.INT8);
    assertThat(filter.sizeInBytes()).isEqualTo(108);
    assertThat(filter.quantization().isPerChannel()).isTrue();
    assertThat(filter.quantization().axis()).isZero();
    assertThat(filter.quantization().scales()).containsExactly(TestModels.CONV_FILTER_SCALES);
    assertThat(conv.bias().type()).isEqualTo(DataType.INT32);
    assertThat(conv.bias().int32Data()).containsExactly(0, 0, 0, 0);
    assertThat(filter.dataBuffer().isReadOnly()).isTrue();
    assertThat(filter.dataBuffer().get(1)).isEqualTo((byte) -2); // ramp (i % 7) - 3
    assertThat(filter.data()).hasSize(108);
    assertThat(conv.input().dataBuffer()).isNull();
    assertThat(conv.input().isConstant()).isFalse();
    assertThat(conv.input().quantization().zeroPoint()).isEqualTo(-128);
    // 3x3 outputs x 4 channels x (3x3x3) filter taps.
    assertThat(conv.macs()).isEqualTo(9L * 4 * 27);
  }

  @Test
  void convertsDepthwiseWithMultiplier() {
    Op.DepthwiseConv2D dw = (Op.DepthwiseConv2D) load(TestModels.depthwise()).ops().get(0);
    assertThat(dw.depthMultiplier()).isEqualTo(2);
    assertThat(dw.padding()).isEqualTo(Padding.SAME);
    assertThat(dw.activation()).isEqualTo(Activation.RELU6);
    assertThat(dw.filter().quantization().axis()).isEqualTo(3);
    assertThat(dw.macs()).isEqualTo(4L * 4 * 8 * 9);
  }

  @Test
  void convertsFullyConnectedWithOmittedBias() {
    Op.FullyConnected fc = (Op.FullyConnected) load(TestModels.fullyConnected()).ops().get(0);
    assertThat(fc.bias()).isNull();
    assertThat(fc.inputs()).hasSize(2);
    assertThat(fc.activation()).isEqualTo(Activation.RELU);
    assertThat(fc.batches()).isEqualTo(1);
    assertThat(fc.inputDepth()).isEqualTo(16);
    assertThat(fc.outputDepth()).isEqualTo(10);
    assertThat(fc.macs()).isEqualTo(160);
  }

  @Test
  void convertsElementwiseAndPoolOps() {
    Op.Add add =
        (Op.Add) load(TestModels.binary(BuiltinOperators.ADD, TestModels.RELU)).ops().get(0);
    assertThat(add.activation()).isEqualTo(Activation.RELU);
    assertThat(add.input2().shape()).isEqualTo(Shape.of(1, 1, 1, 2));
    assertThat(add.macs()).isZero();

    Op.Mul mul =
        (Op.Mul) load(TestModels.binary(BuiltinOperators.MUL, TestModels.NONE)).ops().get(0);
    assertThat(mul.activation()).isEqualTo(Activation.NONE);

    Op.MaxPool2D max =
        (Op.MaxPool2D) load(TestModels.pool(BuiltinOperators.MAX_POOL_2D)).ops().get(0);
    assertThat(max.filterH()).isEqualTo(3);
    assertThat(max.strideW()).isEqualTo(2);
    assertThat(max.activation()).isEqualTo(Activation.RELU);
    Op.AveragePool2D avg =
        (Op.AveragePool2D) load(TestModels.pool(BuiltinOperators.AVERAGE_POOL_2D)).ops().get(0);
    assertThat(avg.padding()).isEqualTo(Padding.SAME);
  }

  @Test
  void convertsShapeOps() {
    Op.Mean mean = (Op.Mean) load(TestModels.mean(false)).ops().get(0);
    assertThat(mean.axes()).containsExactly(1, 2);
    assertThat(mean.keepDims()).isFalse();
    assertThat(((Op.Mean) load(TestModels.mean(true)).ops().get(0)).keepDims()).isTrue();

    Op.Pad pad = (Op.Pad) load(TestModels.pad()).ops().get(0);
    assertThat(pad.before()).containsExactly(0, 1, 0, 0);
    assertThat(pad.after()).containsExactly(0, 2, 1, 0);

    Op.Reshape reshape = (Op.Reshape) load(TestModels.reshape()).ops().get(0);
    assertThat(reshape.output().shape()).isEqualTo(Shape.of(1, 24));
    assertThat(reshape.shapeTensor().int32Data()).containsExactly(1, 24);

    Op.Transpose t = (Op.Transpose) load(TestModels.transpose()).ops().get(0);
    assertThat(t.perm()).containsExactly(0, 3, 1, 2);

    Op.Concatenation cat = (Op.Concatenation) load(TestModels.concatenation()).ops().get(0);
    assertThat(cat.axis()).isEqualTo(3);
    assertThat(cat.inputs()).hasSize(2);
  }

  @Test
  void convertsSoftmaxAndQuantizeOps() {
    Op.Softmax s = (Op.Softmax) load(TestModels.softmax(-128)).ops().get(0);
    assertThat(s.beta()).isEqualTo(1f);
    assertThat(load(TestModels.logSoftmax(true)).ops().get(0)).isInstanceOf(Op.LogSoftmax.class);
    Op.LogSoftmax fl = (Op.LogSoftmax) load(TestModels.logSoftmax(false)).ops().get(0);
    assertThat(fl.input().type()).isEqualTo(DataType.FLOAT32);

    Graph q = load(TestModels.quantizeChain());
    assertThat(q.ops())
        .extracting(Op::opName)
        .containsExactly("QUANTIZE", "QUANTIZE", "DEQUANTIZE");
    assertThat(((Op.Quantize) q.ops().get(0)).input().type()).isEqualTo(DataType.FLOAT32);
    assertThat(((Op.Quantize) q.ops().get(1)).input().type()).isEqualTo(DataType.INT8);
    assertThat(q.ops().get(2).output().type()).isEqualTo(DataType.FLOAT32);
  }

  @Test
  void summaryCountsOpsMacsAndWeights() {
    Graph g = load(TestModels.chain());
    GraphSummary s = g.summary();
    assertThat(s.opHistogram())
        .containsEntry("CONV_2D", 1)
        .containsEntry("ADD", 1)
        .containsEntry("SOFTMAX", 1)
        .hasSize(7);
    long conv = 64L * 4 * 27;
    long dw = 64L * 4 * 9;
    long fc = 3L * 4;
    assertThat(s.totalMacs()).isEqualTo(conv + dw + fc).isEqualTo(g.totalMacs());
    // conv 108 + 16 bias, dw 36 + 16, shape 8, fc 12 + 12
    assertThat(s.weightBytes()).isEqualTo(108 + 16 + 36 + 16 + 8 + 12 + 12);
    assertThat(s.largestActivationBytes()).isEqualTo(256);
  }

  @Test
  void unsupportedOperatorNamesOpIndexAndModel() {
    assertThatThrownBy(
            () -> load(TestModels.singleOp(BuiltinOperators.UNIDIRECTIONAL_SEQUENCE_LSTM)))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("UNIDIRECTIONAL_SEQUENCE_LSTM")
        .hasMessageContaining("operator 0")
        .hasMessageContaining("test.tflite");
  }

  @Test
  void floatConvolutionIsUnsupported() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.tensor("in", TensorType.FLOAT32, new int[] {1, 4, 4, 1}, null);
    int w = b.constant("w", TensorType.FLOAT32, new int[] {1, 1, 1, 1}, new byte[4], null);
    int out = b.tensor("out", TensorType.FLOAT32, new int[] {1, 4, 4, 1}, null);
    b.op(
        BuiltinOperators.CONV_2D,
        new int[] {in, w},
        new int[] {out},
        OptionsTypes.CONV_2D,
        TfliteTestBuilder.conv2d(0, 1, 1, 0, 1, 1));
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("CONV_2D")
        .hasMessageContaining("FLOAT32");
  }

  @Test
  void badBiasShapeIsAFormatError() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("in", new int[] {1, 4, 4, 2}, 0.5f, 0);
    int w = b.int8Weights("w", new int[] {3, 1, 1, 2}, Q.of(0.1f, 0));
    int bias = b.bias("b", 2);
    int out = b.int8("out", new int[] {1, 4, 4, 3}, 0.5f, 0);
    b.op(
        BuiltinOperators.CONV_2D,
        new int[] {in, w, bias},
        new int[] {out},
        OptionsTypes.CONV_2D,
        TfliteTestBuilder.conv2d(0, 1, 1, 0, 1, 1));
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("operator 0 (CONV_2D)")
        .hasMessageContaining("bias shape 2");
  }

  @Test
  void wrongOutputShapeIsAFormatError() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("in", new int[] {1, 5, 5, 2}, 0.5f, 0);
    int out = b.int8("out", new int[] {1, 2, 2, 2}, 0.5f, 0);
    b.op(
        BuiltinOperators.MAX_POOL_2D,
        new int[] {in},
        new int[] {out},
        OptionsTypes.POOL_2D,
        TfliteTestBuilder.pool(0, 2, 2, 2, 2, 0));
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("1x3x3x2");
  }

  @Test
  void missingConvOptionsAndTanhActivationAreRejected() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("in", new int[] {1, 4, 4, 1}, 0.5f, 0);
    int w = b.int8Weights("w", new int[] {1, 1, 1, 1}, Q.of(0.1f, 0));
    int out = b.int8("out", new int[] {1, 4, 4, 1}, 0.5f, 0);
    b.op(BuiltinOperators.CONV_2D, new int[] {in, w}, new int[] {out});
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("expected Conv2D options");

    assertThatThrownBy(() -> load(TestModels.binary(BuiltinOperators.ADD, 4)))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("TANH");
  }

  @Test
  void extraInputsAreAFormatError() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int x = b.int8("x", new int[] {1, 4}, 0.5f, 0);
    int y = b.int8("y", new int[] {1, 4}, 0.5f, 0);
    int out = b.int8("out", new int[] {1, 4}, 0.5f, 0);
    b.op(
        BuiltinOperators.ADD,
        new int[] {x, y, y},
        new int[] {out},
        OptionsTypes.ADD,
        TfliteTestBuilder.activationOnly(0));
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("operator 0 (ADD): has 3 inputs, expected 2");
  }

  @Test
  void tensorIndexOutOfRangeIsAFormatError() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("in", new int[] {1, 4}, 0.5f, 0);
    b.op(
        BuiltinOperators.SOFTMAX,
        new int[] {in},
        new int[] {7},
        OptionsTypes.SOFTMAX,
        TfliteTestBuilder.softmax(1f));
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("refers to tensor 7");
  }

  @Test
  void constantDataSizeMismatchIsAFormatError() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    b.constant("w", TensorType.INT8, new int[] {2, 3}, new byte[5], null);
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("tensor 0 'w'")
        .hasMessageContaining("5 bytes");
  }

  @Test
  void perChannelScaleCountMustMatchAxis() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    b.int8Weights("w", new int[] {3, 2}, Q.perChannel(new float[] {1f, 2f}, 0));
    assertThatThrownBy(() -> load(b.build()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("per-channel scales");
  }

  @Test
  void oneDimensionalPerChannelTensorWithForeignAxisIsAccepted() {
    // person_detect.tflite's biases carry quantized_dimension 3 on a 1-D tensor.
    TfliteTestBuilder b = new TfliteTestBuilder();
    b.constant(
        "bias",
        TensorType.INT32,
        new int[] {2},
        new byte[8],
        new Q(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 3));
    Tensor bias = load(b.build()).tensor(0);
    assertThat(bias.quantization().axis()).isZero();
    assertThat(bias.quantization().scale(1)).isEqualTo(0.2f);
  }

  @Test
  void everyTfliteTypeMapsToADataType() {
    for (TensorType t : TensorType.values()) {
      assertThat(DataType.valueOf(t.name())).isNotNull();
    }
    assertThat(DataType.INT4.bytesFor(3)).isEqualTo(2);
    assertThat(DataType.INT32.bytesFor(5)).isEqualTo(20);
  }

  @Test
  void shapeRejectsNegativeAndHugeDims() {
    assertThatThrownBy(() -> Shape.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shape.of(65536, 65536)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Shape.of(1, 32, 32, 3).toString()).isEqualTo("1x32x32x3");
    assertThat(Shape.of(2, 3).elementCount()).isEqualTo(6);
  }

  @Test
  void paddingOutputSizeFollowsTflite() {
    assertThat(Padding.SAME.outputSize(7, 3, 2, 1)).isEqualTo(4);
    assertThat(Padding.VALID.outputSize(7, 3, 2, 1)).isEqualTo(3);
    assertThat(Padding.VALID.outputSize(7, 3, 1, 2)).isEqualTo(3);
    assertThat(Padding.SAME.outputSize(7, 3, 1, 2)).isEqualTo(7);
    assertThat(Padding.VALID.outputSize(2, 5, 1, 1)).isLessThan(1);
  }
}
