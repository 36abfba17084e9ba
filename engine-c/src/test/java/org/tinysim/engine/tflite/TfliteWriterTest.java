package org.tinysim.engine.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.SharedFiles;
import org.tinysim.engine.oracle.interpreter.TensorData;

/** TfliteWriter is the inverse of TfliteReader: records and bytes survive a round trip. */
class TfliteWriterTest {

  static Stream<Arguments> testModels() {
    return Stream.of(
        Arguments.of(
            "conv",
            (Supplier<byte[]>) () -> TestModels.conv(TestModels.SAME, 2, TestModels.RELU6, 1)),
        Arguments.of("depthwise", (Supplier<byte[]>) TestModels::depthwise),
        Arguments.of("fc", (Supplier<byte[]>) TestModels::fullyConnected),
        Arguments.of("mean", (Supplier<byte[]>) () -> TestModels.mean(true)),
        Arguments.of("pad", (Supplier<byte[]>) TestModels::pad),
        Arguments.of("reshape", (Supplier<byte[]>) TestModels::reshape),
        Arguments.of("quantize", (Supplier<byte[]>) TestModels::quantizeChain),
        Arguments.of("concat", (Supplier<byte[]>) TestModels::concatenation),
        Arguments.of("chain", (Supplier<byte[]>) TestModels::chain));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("testModels")
  void rewritingAReadModelGivesTheSameBytes(String name, Supplier<byte[]> model) {
    byte[] original = model.get();
    TfliteModel read = TfliteReader.read(original, name);

    byte[] rewritten = TfliteWriter.write(read);

    assertThat(rewritten).isEqualTo(original);
    assertThat(model.get()).as("deterministic").isEqualTo(original);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "tflite-micro/person_detect.tflite",
        "tflite-micro/micro_speech_quantized.tflite",
        "tflite-micro/hello_world_int8.tflite",
        "tinyengine/ptq_mnist_lenet-300-100.tflite"
      })
  void realModelsSurviveARoundTripWithTheSameRecordsAndOutputs(String file) {
    byte[] original = SharedFiles.bytes(SharedFiles.model(file));
    TfliteModel read = TfliteReader.read(original, file);

    byte[] rewritten = TfliteWriter.write(read);
    TfliteModel reread = TfliteReader.read(rewritten, file);

    // Buffers compared apart: element-wise recursive comparison of 300 KB is slow.
    assertThat(reread).usingRecursiveComparison().ignoringFields("buffers").isEqualTo(read);
    assertThat(reread.buffers()).hasSameSizeAs(read.buffers());
    for (int i = 0; i < read.buffers().size(); i++) {
      assertThat(Arrays.equals(reread.buffers().get(i).data(), read.buffers().get(i).data()))
          .as("buffer %d", i)
          .isTrue();
    }
    ReferenceInterpreter before = new ReferenceInterpreter(TfliteImporter.load(original, file));
    ReferenceInterpreter after = new ReferenceInterpreter(TfliteImporter.load(rewritten, file));
    TensorData input = rampInput(before);
    assertThat(after.run(input).get(0).toLittleEndianBytes())
        .isEqualTo(before.run(input).get(0).toLittleEndianBytes());
  }

  private static TensorData rampInput(ReferenceInterpreter interp) {
    Tensor t = interp.graph().inputs().get(0);
    int n = (int) t.shape().elementCount();
    if (t.type() == DataType.FLOAT32) {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = (i % 11) / 11f;
      }
      return TensorData.float32(f);
    }
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 37);
    }
    return TensorData.int8(b);
  }

  @Test
  void writesEveryFieldTheReaderKnows() {
    TfliteModelBuilder b =
        new TfliteModelBuilder()
            .description("all fields")
            .subgraphName("sg")
            .minRuntimeVersion("1.14.0");
    TfliteQuantization perChannel =
        new TfliteQuantization(
            new float[] {-1f, -2f},
            new float[] {1f, 2f},
            new float[] {0.5f, 0.25f},
            new long[] {0, 0},
            3);
    int in =
        b.tensor(
            "in",
            TensorType.INT8,
            new int[] {1, 2, 2, 2},
            new TfliteQuantization(
                new float[0], new float[0], new float[] {0.1f}, new long[] {-3}, 0));
    int w =
        b.constant("w", TensorType.INT8, new int[] {1, 1, 1, 2}, new byte[] {5, -7}, perChannel);
    int bias = b.int32Constant("b", new int[] {2}, new int[] {70000, -1}, TfliteQuantization.NONE);
    int out =
        b.tensor(
            "out",
            TensorType.INT8,
            new int[] {1, 2, 2, 2},
            new TfliteQuantization(
                new float[0], new float[0], new float[] {0.2f}, new long[] {9}, 0));
    b.op(
        BuiltinOperators.DEPTHWISE_CONV_2D,
        3,
        new int[] {in, w, bias},
        new int[] {out},
        new BuiltinOptions.DepthwiseConv2D(1, 2, 3, 1, 3, 1, 1));
    int r = b.tensor("flat", TensorType.INT8, new int[] {1, 8}, TfliteQuantization.NONE);
    b.op(
        BuiltinOperators.RESHAPE,
        new int[] {out, -1},
        new int[] {r},
        new BuiltinOptions.Reshape(new int[] {1, 8}));
    b.op(150, new int[] {r}, new int[] {r}, new BuiltinOptions.None());
    b.inputs(in).outputs(r);

    TfliteModel model = b.build("fields");
    TfliteModel read = TfliteReader.read(TfliteWriter.write(model), "fields");

    assertThat(read).usingRecursiveComparison().isEqualTo(model);
    assertThat(read.version()).isEqualTo(3);
    assertThat(read.operatorCodes())
        .extracting(OperatorCode::builtinCode)
        .containsExactly(BuiltinOperators.DEPTHWISE_CONV_2D, BuiltinOperators.RESHAPE, 150);
    TfliteMetadata meta = read.metadata().get(0);
    assertThat(meta.name()).isEqualTo("min_runtime_version");
    assertThat(
            new String(read.buffers().get((int) meta.buffer()).data(), StandardCharsets.US_ASCII))
        .isEqualTo("1.14.0" + "\0".repeat(10));
  }

  @Test
  void deprecatedFieldHoldsThePlaceholderForNewOperators() {
    TfliteModelBuilder b = new TfliteModelBuilder();
    int x = b.tensor("x", TensorType.INT8, new int[] {1}, TfliteQuantization.NONE);
    b.op(150, new int[] {x}, new int[] {x}, new BuiltinOptions.None());
    TfliteModel model = b.build("gelu");

    byte[] legacy = TfliteWriter.write(model, new TfliteWriter.Layout(false, true));

    // Only the int8 field is left, and it holds 127, not a truncated 150.
    assertThat(TfliteReader.read(legacy, "gelu").operatorCodes().get(0).builtinCode())
        .isEqualTo(127);
  }

  @Test
  void bufferDataStartsOn16ByteBoundaries() {
    for (int pad = 0; pad < 16; pad++) {
      TfliteModelBuilder b = new TfliteModelBuilder().description("x".repeat(pad));
      byte[] first = marker(13, 0x11);
      byte[] second = marker(7, 0x22);
      b.constant("a", TensorType.INT8, new int[] {13}, first, TfliteQuantization.NONE);
      b.constant("b", TensorType.INT8, new int[] {7}, second, TfliteQuantization.NONE);
      byte[] file = TfliteWriter.write(b.build("align"));

      assertThat(indexOf(file, first) % 16).as("pad %d", pad).isZero();
      assertThat(indexOf(file, second) % 16).as("pad %d", pad).isZero();
    }
  }

  @Test
  void dataAfterFlatbufferLayoutReadsBackTheSameAndAligns() {
    TfliteModelBuilder b = new TfliteModelBuilder();
    byte[] first = marker(13, 0x31);
    byte[] second = marker(40, 0x41);
    b.constant("a", TensorType.INT8, new int[] {13}, first, TfliteQuantization.NONE);
    b.constant("b", TensorType.INT8, new int[] {40}, second, TfliteQuantization.NONE);
    TfliteModel model = b.build("large");

    byte[] file = TfliteWriter.write(model, new TfliteWriter.Layout(true, false));

    assertThat(TfliteReader.read(file, "large"))
        .usingRecursiveComparison()
        .ignoringFields("source")
        .isEqualTo(model);
    int firstAt = indexOf(file, first);
    assertThat(firstAt % 16).isZero();
    assertThat(indexOf(file, second)).isGreaterThan(firstAt).matches(i -> i % 16 == 0);
    assertThat(file.length).isEqualTo(indexOf(file, second) + second.length);
  }

  @Test
  void undecodedOptionsAreRefusedNamingTheOperator() {
    TfliteModelBuilder b = new TfliteModelBuilder();
    int x = b.tensor("x", TensorType.INT8, new int[] {1}, TfliteQuantization.NONE);
    b.op(BuiltinOperators.MUL, new int[] {x, x}, new int[] {x}, new BuiltinOptions.Mul(0));
    b.op(
        BuiltinOperators.UNIDIRECTIONAL_SEQUENCE_LSTM,
        new int[] {x},
        new int[] {x},
        new BuiltinOptions.Other(48));

    assertThatThrownBy(() -> TfliteWriter.write(b.build("lstm.tflite")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lstm.tflite")
        .hasMessageContaining("operator 1")
        .hasMessageContaining("union type 48");
  }

  private static byte[] marker(int n, int seed) {
    byte[] m = new byte[n];
    for (int i = 0; i < n; i++) {
      m[i] = (byte) (seed + 3 * i);
    }
    return m;
  }

  private static int indexOf(byte[] file, byte[] part) {
    for (int i = 0; i + part.length <= file.length; i++) {
      if (Arrays.equals(file, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("bytes not found in file");
  }

  @Test
  void listsStayInInsertionOrder() {
    TfliteModelBuilder b = new TfliteModelBuilder();
    int x = b.tensor("x", TensorType.INT8, new int[] {1}, TfliteQuantization.NONE);
    b.op(BuiltinOperators.SOFTMAX, new int[] {x}, new int[] {x}, new BuiltinOptions.Softmax(1f));
    b.op(BuiltinOperators.ADD, new int[] {x, x}, new int[] {x}, new BuiltinOptions.Add(1, true));
    b.op(BuiltinOperators.SOFTMAX, new int[] {x}, new int[] {x}, new BuiltinOptions.Softmax(2f));
    TfliteModel read = TfliteReader.read(TfliteWriter.write(b.build("order")), "order");

    assertThat(read.operatorCodes())
        .extracting(OperatorCode::builtinCode)
        .containsExactly(BuiltinOperators.SOFTMAX, BuiltinOperators.ADD);
    List<TfliteOperator> ops = read.subgraphs().get(0).operators();
    assertThat(ops).extracting(TfliteOperator::opcodeIndex).containsExactly(0L, 1L, 0L);
    assertThat(ops.get(2).options()).isEqualTo(new BuiltinOptions.Softmax(2f));
  }
}
