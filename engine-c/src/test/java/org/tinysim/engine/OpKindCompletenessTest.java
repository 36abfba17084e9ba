package org.tinysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.codegen.KernelRegistry;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.OpKind;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.TestModels;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * Every operator kind has its converter, prepare step, interpreter runner and C emitter, or a
 * declared refusal that code generation reports up front. The converter and preparer switch over
 * {@link OpKind} without a default, so a missing case is already a compile error; the samples below
 * also run them.
 */
class OpKindCompletenessTest {

  private static final KernelRegistry KERNELS = KernelRegistry.standard();

  /** A small model using each kind. */
  private static final Map<OpKind, Supplier<byte[]>> SAMPLES = new EnumMap<>(OpKind.class);

  static {
    SAMPLES.put(OpKind.CONV_2D, () -> TestModels.conv(TestModels.SAME, 1, TestModels.NONE, 1));
    SAMPLES.put(OpKind.DEPTHWISE_CONV_2D, TestModels::depthwise);
    SAMPLES.put(OpKind.FULLY_CONNECTED, TestModels::fullyConnected);
    SAMPLES.put(OpKind.ADD, TestModels::chain); // tsn_add_s8 does not broadcast
    SAMPLES.put(OpKind.MUL, () -> TestModels.binary(BuiltinOperators.MUL, TestModels.NONE));
    SAMPLES.put(OpKind.AVERAGE_POOL_2D, () -> TestModels.pool(BuiltinOperators.AVERAGE_POOL_2D));
    SAMPLES.put(OpKind.MAX_POOL_2D, () -> TestModels.pool(BuiltinOperators.MAX_POOL_2D));
    SAMPLES.put(OpKind.MEAN, () -> TestModels.mean(false));
    SAMPLES.put(OpKind.PAD, TestModels::pad);
    SAMPLES.put(OpKind.RESHAPE, TestModels::reshape);
    SAMPLES.put(OpKind.TRANSPOSE, TestModels::transpose);
    SAMPLES.put(OpKind.SOFTMAX, () -> TestModels.softmax(-128));
    SAMPLES.put(OpKind.LOG_SOFTMAX, () -> TestModels.logSoftmax(true));
    SAMPLES.put(OpKind.QUANTIZE, TestModels::quantizeChain);
    SAMPLES.put(OpKind.DEQUANTIZE, TestModels::quantizeChain);
    SAMPLES.put(OpKind.CONCATENATION, TestModels::concatenation);
  }

  @Test
  void everyIrRecordHasExactlyOneKind() {
    List<Class<?>> records = Arrays.asList(Op.class.getPermittedSubclasses());
    List<Class<?>> kinds = new ArrayList<>();
    for (OpKind k : OpKind.values()) {
      kinds.add(k.recordClass());
      assertThat(OpKind.of(k.recordClass())).isEqualTo(k);
    }
    assertThat(kinds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(records);
  }

  @ParameterizedTest
  @EnumSource(OpKind.class)
  void kindIsNamedAsItsTfliteBuiltin(OpKind kind) {
    assertThat(BuiltinOperators.name(kind.builtinCode())).isEqualTo(kind.name());
    assertThat(OpKind.ofBuiltin(kind.builtinCode())).contains(kind);
  }

  @ParameterizedTest
  @EnumSource(OpKind.class)
  void kindHasRunnerAndEmitterOrDeclaredRefusal(OpKind kind) {
    assertThat(ReferenceInterpreter.supportedKinds())
        .as("interpreter runner for %s", kind)
        .contains(kind);
    assertThat(KERNELS.kinds().contains(kind) || KERNELS.refused().containsKey(kind))
        .as("%s has neither a C emitter nor a declared 'not supported in codegen' entry", kind)
        .isTrue();
  }

  /** Converts, prepares, interprets and generates C (or is refused up front) for each kind. */
  @ParameterizedTest
  @EnumSource(OpKind.class)
  void sampleModelGoesThroughEveryStage(OpKind kind) {
    assertThat(SAMPLES.keySet()).as("sample model for %s", kind).contains(kind);
    Graph graph = TfliteImporter.load(SAMPLES.get(kind).get(), "sample_" + kind + ".tflite");
    Op op = graph.ops().stream().filter(o -> o.kind() == kind).findFirst().orElseThrow();
    PreparedGraph prepared = Preparer.prepare(graph);
    assertThat(new ReferenceInterpreter(graph).run(zeroInputs(graph))).isNotEmpty();

    CodeGenerator generator = new CodeGenerator();
    if (KERNELS.kinds().contains(kind)) {
      GeneratedModel model = generator.generate(prepared, CodegenOptions.defaults());
      assertThat(model.files().get("model.c")).contains("tsn_");
    } else {
      assertThatThrownBy(() -> generator.generate(prepared, CodegenOptions.defaults()))
          .isInstanceOf(UnsupportedOperatorException.class)
          .hasMessageStartingWith(
              "model sample_"
                  + kind
                  + " cannot be compiled to C: operator "
                  + op.index()
                  + " ("
                  + kind
                  + "): "
                  + KERNELS.refused().get(kind));
    }
  }

  private static List<TensorData> zeroInputs(Graph graph) {
    List<TensorData> inputs = new ArrayList<>();
    for (Tensor t : graph.inputs()) {
      int n = (int) t.shape().elementCount();
      inputs.add(
          t.type() == DataType.FLOAT32
              ? TensorData.float32(new float[n])
              : TensorData.int8(new byte[n]));
    }
    return inputs;
  }
}
