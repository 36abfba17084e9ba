package org.tinysim.engine.tflite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a .tflite flatbuffer into {@link TfliteModel} records using hand-written accessors with
 * schema field ids (tensorflow/lite/schema/schema.fbs, schema version 3). Every offset is bounds
 * checked: malformed input gives {@link ModelFormatException}, never an index exception.
 */
public final class TfliteReader {

  /** File identifier of TFLite schema v3 models. */
  public static final String FILE_IDENTIFIER = "TFL3";

  private TfliteReader() {}

  public static TfliteModel read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file, e);
    }
    return read(bytes, file.getFileName().toString());
  }

  /** Parses {@code bytes}; {@code source} names the model in error messages. */
  public static TfliteModel read(byte[] bytes, String source) {
    FbTable model = FbTable.root(ByteBuffer.wrap(bytes), source, FILE_IDENTIFIER);
    long version = model.uint32(0, 0);
    List<OperatorCode> codes = new ArrayList<>();
    for (FbTable c : model.tableVector(1, "operator_codes")) {
      codes.add(operatorCode(c));
    }
    List<TfliteSubGraph> subgraphs = new ArrayList<>();
    for (FbTable s : model.tableVector(2, "subgraphs")) {
      subgraphs.add(subGraph(s));
    }
    String description = model.string(3, "description");
    List<ModelBuffer> buffers = new ArrayList<>();
    for (FbTable b : model.tableVector(4, "buffers")) {
      buffers.add(buffer(b));
    }
    List<TfliteMetadata> metadata = new ArrayList<>();
    for (FbTable m : model.tableVector(6, "metadata")) {
      metadata.add(new TfliteMetadata(orEmpty(m.string(0, "name")), m.uint32(1, 0)));
    }
    return new TfliteModel(
        source,
        version,
        orEmpty(description),
        List.copyOf(codes),
        List.copyOf(subgraphs),
        List.copyOf(buffers),
        List.copyOf(metadata));
  }

  private static OperatorCode operatorCode(FbTable c) {
    int deprecated = c.int8(0, 0);
    int builtin = c.int32(3, 0);
    // Codes >= 127 only fit the int32 field; older files only have the int8 one.
    return new OperatorCode(
        Math.max(deprecated, builtin), c.string(1, "custom_code"), c.int32(2, 1));
  }

  private static TfliteSubGraph subGraph(FbTable s) {
    List<TfliteTensor> tensors = new ArrayList<>();
    for (FbTable t : s.tableVector(0, "tensors")) {
      tensors.add(tensor(t));
    }
    List<TfliteOperator> ops = new ArrayList<>();
    for (FbTable o : s.tableVector(3, "operators")) {
      ops.add(operator(o));
    }
    return new TfliteSubGraph(
        orEmpty(s.string(4, "name")),
        List.copyOf(tensors),
        orEmpty(s.int32Vector(1, "inputs")),
        orEmpty(s.int32Vector(2, "outputs")),
        List.copyOf(ops));
  }

  private static TfliteTensor tensor(FbTable t) {
    int typeCode = t.int8(1, 0);
    TensorType type = TensorType.fromCode(typeCode);
    if (type == null) {
      throw t.error("unknown tensor type code " + typeCode);
    }
    FbTable q = t.table(4, "quantization");
    TfliteQuantization quant =
        q == null
            ? TfliteQuantization.NONE
            : new TfliteQuantization(
                orEmpty(q.float32Vector(0, "min")),
                orEmpty(q.float32Vector(1, "max")),
                orEmpty(q.float32Vector(2, "scale")),
                orEmpty(q.int64Vector(3, "zero_point")),
                q.int32(6, 0));
    return new TfliteTensor(
        orEmpty(t.string(3, "name")),
        orEmpty(t.int32Vector(0, "shape")),
        t.int32Vector(7, "shape_signature"),
        type,
        t.uint32(2, 0),
        quant,
        t.bool(5, false));
  }

  private static TfliteOperator operator(FbTable o) {
    int optionsType = o.uint8(3, 0);
    FbTable optionsTable = optionsType == 0 ? null : o.table(4, "builtin_options");
    return new TfliteOperator(
        o.uint32(0, 0),
        orEmpty(o.int32Vector(1, "inputs")),
        orEmpty(o.int32Vector(2, "outputs")),
        OptionsParser.parse(optionsType, optionsTable));
  }

  private static ModelBuffer buffer(FbTable b) {
    byte[] data = b.byteVector(0, "data");
    long offset = b.uint64(1, 0);
    long size = b.uint64(2, 0);
    // Large-model layout: data lives after the flatbuffer at an absolute file offset; offset 1
    // is the writer's placeholder meaning "no data".
    if ((data == null || data.length == 0) && (offset < 0 || offset > 1)) {
      data = b.bytesAt(offset, size, "offset/size");
    }
    return new ModelBuffer(data == null ? new byte[0] : data);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static int[] orEmpty(int[] a) {
    return a == null ? new int[0] : a;
  }

  private static float[] orEmpty(float[] a) {
    return a == null ? new float[0] : a;
  }

  private static long[] orEmpty(long[] a) {
    return a == null ? new long[0] : a;
  }
}
