package org.tinysim.harness.report;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;

/**
 * One graph output of one inference, decoded: int8 values with their dequantized reals, or the
 * floats of a float32 output (after a DEQUANTIZE op).
 */
public record OutputTensor(String name, int[] shape, int[] int8, double[] values) {

  public record Ranked(int index, double value) {}

  public static OutputTensor decode(Tensor tensor, byte[] bytes) {
    if (tensor.type() == DataType.FLOAT32) {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      double[] values = new double[bytes.length / 4];
      for (int i = 0; i < values.length; i++) {
        values[i] = b.getFloat();
      }
      return new OutputTensor(tensor.name(), tensor.shape().dims(), null, values);
    }
    int[] q = new int[bytes.length];
    double[] values = new double[bytes.length];
    boolean quantized = tensor.quantization().isQuantized();
    double scale = quantized ? tensor.quantization().scale() : 1.0;
    int zero = quantized ? tensor.quantization().zeroPoint() : 0;
    for (int i = 0; i < bytes.length; i++) {
      q[i] = bytes[i];
      values[i] = scale * (q[i] - zero);
    }
    return new OutputTensor(tensor.name(), tensor.shape().dims(), q, values);
  }

  /** A classifier output: one row of scores (every dimension but the last is 1). */
  public boolean isClassifier() {
    int rows = 1;
    for (int i = 0; i < shape.length - 1; i++) {
      rows *= shape[i];
    }
    return rows == 1 && values.length > 1;
  }

  public List<Ranked> topK(int k) {
    List<Ranked> all = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      all.add(new Ranked(i, values[i]));
    }
    all.sort(Comparator.comparingDouble(Ranked::value).reversed().thenComparingInt(Ranked::index));
    return all.subList(0, Math.min(k, all.size()));
  }

  public String toText(int topK) {
    StringBuilder out = new StringBuilder();
    out.append("output '").append(name).append("' ").append(Arrays.toString(shape)).append('\n');
    if (int8 != null) {
      out.append("  int8:        ").append(Arrays.toString(int8)).append('\n');
    }
    out.append("  dequantized: [");
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(String.format("%.6g", values[i]));
    }
    out.append("]\n");
    if (topK > 0 && isClassifier()) {
      out.append("  top-").append(topK).append(':');
      for (Ranked r : topK(topK)) {
        out.append(String.format(" #%d (%.6g)", r.index(), r.value()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  public Map<String, Object> toJson(int topK) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("shape", shape);
    json.put("int8", int8);
    List<Object> reals = new ArrayList<>();
    for (double v : values) {
      reals.add(v);
    }
    json.put("dequantized", reals);
    if (topK > 0 && isClassifier()) {
      List<Object> top = new ArrayList<>();
      for (Ranked r : topK(topK)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", r.index());
        row.put("value", r.value());
        top.add(row);
      }
      json.put("topK", top);
    }
    return json;
  }
}
