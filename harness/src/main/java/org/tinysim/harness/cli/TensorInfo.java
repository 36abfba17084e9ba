package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Tensor;

/**
 * A graph input or output as a user preparing data needs it: real = scale * (q - zeroPoint). {@code
 * scale}/{@code zeroPoint} are null for a tensor that is not quantised (float32).
 */
@JsonPropertyOrder({"name", "shape", "type", "bytes", "scale", "zeroPoint"})
record TensorInfo(
    String name, int[] shape, String type, long bytes, Double scale, Integer zeroPoint) {

  static TensorInfo of(Tensor t) {
    Quantization q = t.quantization();
    boolean perTensor = q.scales().length == 1;
    return new TensorInfo(
        t.name(),
        t.shape().dims(),
        t.type().name(),
        t.sizeInBytes(),
        perTensor ? (double) q.scales()[0] : null,
        perTensor ? q.zeroPoints()[0] : null);
  }

  static List<TensorInfo> of(List<Tensor> tensors) {
    return tensors.stream().map(TensorInfo::of).toList();
  }

  /** "'input' [1, 28, 28, 1] INT8, 784 B, scale 0.003921569 zero point -128". */
  String toText() {
    StringBuilder s =
        new StringBuilder(
            "'"
                + name
                + "' "
                + java.util.Arrays.toString(shape)
                + " "
                + type
                + ", "
                + bytes
                + " B");
    if (scale != null) {
      s.append(", scale ").append(scale.floatValue()).append(" zero point ").append(zeroPoint);
    }
    return s.toString();
  }
}
