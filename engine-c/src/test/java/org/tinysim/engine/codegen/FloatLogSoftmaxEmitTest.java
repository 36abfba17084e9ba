package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.Preparer;

/** lenet's tail (DEQUANTIZE -> float32 LOG_SOFTMAX) compiles to the emitted expf/logf loop. */
class FloatLogSoftmaxEmitTest {

  private final List<Tensor> tensors = new ArrayList<>();

  private Tensor tensor(String name, Shape s, DataType type, Quantization q) {
    Tensor t = new Tensor(tensors.size(), name, s, type, q, null, false);
    tensors.add(t);
    return t;
  }

  @Test
  void floatLogSoftmaxGetsAStableLoopOverItsRows() {
    Tensor q = tensor("logits", Shape.of(3, 10), DataType.INT8, Quantization.perTensor(0.5f, 21));
    Tensor f = tensor("f", Shape.of(3, 10), DataType.FLOAT32, Quantization.NONE);
    Tensor out = tensor("logp", Shape.of(3, 10), DataType.FLOAT32, Quantization.NONE);
    Graph g =
        new Graph(
            "tail",
            "test",
            tensors,
            List.of(new Op.Dequantize(0, q, f), new Op.LogSoftmax(1, f, out)),
            List.of(q),
            List.of(out));

    GeneratedModel m = new CodeGenerator().generate(Preparer.prepare(g), CodegenOptions.defaults());

    String c = m.files().get("model.c");
    String op1 = c.substring(c.indexOf("op 1: LOG_SOFTMAX"));
    assertThat(op1)
        .contains(
            "#include <math.h>",
            "expf(in[c] - max)",
            "logf(sum)",
            "row < 3",
            "c < 10",
            "(float *)(tinysim_arena + " + m.arena().offsetOf(out) + ")")
        .doesNotContain("tsn_log_softmax_s8");
    assertThat(c).doesNotContain("{{");
  }

  @Test
  void int8LogSoftmaxStillCallsTheKernel() {
    Tensor in = tensor("in", Shape.of(1, 9), DataType.INT8, Quantization.perTensor(0.1f, 0));
    Tensor out =
        tensor("out", Shape.of(1, 9), DataType.INT8, Quantization.perTensor(16f / 256, 127));
    Graph g =
        new Graph(
            "int8",
            "test",
            tensors,
            List.of(new Op.LogSoftmax(0, in, out)),
            List.of(in),
            List.of(out));

    String c =
        new CodeGenerator()
            .generate(Preparer.prepare(g), CodegenOptions.defaults())
            .files()
            .get("model.c");

    assertThat(c).contains("tsn_log_softmax_s8(&op0_params").doesNotContain("expf");
  }
}
