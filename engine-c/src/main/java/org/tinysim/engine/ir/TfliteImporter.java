package org.tinysim.engine.ir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.tflite.ModelBuffer;
import org.tinysim.engine.tflite.ModelFormatException;
import org.tinysim.engine.tflite.OperatorCode;
import org.tinysim.engine.tflite.TfliteModel;
import org.tinysim.engine.tflite.TfliteOperator;
import org.tinysim.engine.tflite.TfliteQuantization;
import org.tinysim.engine.tflite.TfliteReader;
import org.tinysim.engine.tflite.TfliteSubGraph;
import org.tinysim.engine.tflite.TfliteTensor;

/**
 * Converts the main subgraph (index 0) of a {@link TfliteModel} into a typed {@link Graph}.
 * Unsupported operators or dtypes raise UnsupportedOperatorException; inconsistent tensors, shapes
 * or indices raise ModelFormatException; both name the model and location.
 */
public final class TfliteImporter {

  private TfliteImporter() {}

  /** Reads and converts a .tflite file. */
  public static Graph load(Path file) {
    return importModel(TfliteReader.read(file));
  }

  /** Reads and converts .tflite bytes; {@code source} names the model in messages. */
  public static Graph load(byte[] bytes, String source) {
    return importModel(TfliteReader.read(bytes, source));
  }

  public static Graph importModel(TfliteModel model) {
    if (model.subgraphs().isEmpty()) {
      throw new ModelFormatException("model " + model.source() + ": no subgraphs");
    }
    TfliteSubGraph sg = model.subgraphs().get(0);
    List<Tensor> tensors = new ArrayList<>(sg.tensors().size());
    for (int i = 0; i < sg.tensors().size(); i++) {
      tensors.add(tensor(model, i, sg.tensors().get(i)));
    }
    List<Op> ops = new ArrayList<>(sg.operators().size());
    for (int i = 0; i < sg.operators().size(); i++) {
      ops.add(operator(model, tensors, i, sg.operators().get(i)));
    }
    return new Graph(
        sg.name(),
        model.source(),
        tensors,
        ops,
        graphTensors(model, tensors, sg.inputs(), "input"),
        graphTensors(model, tensors, sg.outputs(), "output"));
  }

  private static Op operator(
      TfliteModel model, List<Tensor> tensors, int index, TfliteOperator op) {
    long codeIndex = op.opcodeIndex();
    if (codeIndex >= model.operatorCodes().size()) {
      throw new ModelFormatException(
          String.format(
              "model %s, subgraph 0, operator %d: opcode_index %d out of range (%d operator codes)",
              model.source(), index, codeIndex, model.operatorCodes().size()));
    }
    OperatorCode code = model.operatorCodes().get((int) codeIndex);
    OpContext ctx = new OpContext(model.source(), 0, index, code.name(), op, tensors);
    return OpConverter.convert(code.builtinCode(), ctx);
  }

  private static Tensor tensor(TfliteModel model, int id, TfliteTensor t) {
    String where =
        String.format("model %s, subgraph 0, tensor %d '%s'", model.source(), id, t.name());
    Shape shape;
    try {
      shape = new Shape(t.shape());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(where + ": " + e.getMessage(), e);
    }
    DataType type = DataType.valueOf(t.type().name());
    Quantization quant = quantization(where, shape, t.quantization());
    byte[] data = null;
    if (t.buffer() >= model.buffers().size()) {
      throw new ModelFormatException(
          where
              + ": buffer index "
              + t.buffer()
              + " out of range ("
              + model.buffers().size()
              + " buffers)");
    }
    ModelBuffer buffer = model.buffers().get((int) t.buffer());
    if (buffer.data().length > 0) {
      data = buffer.data();
      long expected = type.bytesFor(shape.elementCount());
      if (type.hasFixedSize() && data.length != expected) {
        throw new ModelFormatException(
            where
                + ": constant data has "
                + data.length
                + " bytes, shape "
                + shape
                + " of "
                + type
                + " needs "
                + expected);
      }
    }
    return new Tensor(id, t.name(), shape, type, quant, data, t.isVariable());
  }

  private static Quantization quantization(String where, Shape shape, TfliteQuantization q) {
    float[] scales = q.scale();
    long[] zps = q.zeroPoint();
    if (scales.length == 0) {
      return Quantization.NONE;
    }
    if (zps.length != scales.length && zps.length > 1) {
      throw new ModelFormatException(
          where + ": " + scales.length + " scales but " + zps.length + " zero points");
    }
    int[] zeroPoints = new int[scales.length];
    for (int i = 0; i < zeroPoints.length; i++) {
      long zp = zps.length == 0 ? 0 : zps[zps.length == 1 ? 0 : i];
      if (zp < Integer.MIN_VALUE || zp > Integer.MAX_VALUE) {
        throw new ModelFormatException(where + ": zero point " + zp + " out of int32 range");
      }
      zeroPoints[i] = (int) zp;
    }
    int axis = q.quantizedDimension();
    if (scales.length > 1 && shape.rank() == 1 && shape.dim(0) == scales.length) {
      // TOCO wrote per-channel biases with the filter's axis (e.g. 3) on a 1-D tensor;
      // TFLite ignores that, so the only axis there is is taken.
      axis = 0;
    }
    if (scales.length > 1
        && (axis < 0 || axis >= shape.rank() || shape.dim(axis) != scales.length)) {
      throw new ModelFormatException(
          where
              + ": "
              + scales.length
              + " per-channel scales do not match dimension "
              + axis
              + " of shape "
              + shape);
    }
    return new Quantization(scales, zeroPoints, scales.length > 1 ? axis : 0);
  }

  private static List<Tensor> graphTensors(
      TfliteModel model, List<Tensor> tensors, int[] ids, String role) {
    List<Tensor> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      if (id < 0 || id >= tensors.size()) {
        throw new ModelFormatException(
            String.format(
                "model %s, subgraph 0: graph %s refers to tensor %d but there are %d tensors",
                model.source(), role, id, tensors.size()));
      }
      out.add(tensors.get(id));
    }
    return out;
  }
}
