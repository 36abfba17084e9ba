package org.tinysim.engine.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles a single-subgraph {@link TfliteModel} for {@link TfliteWriter}: tensors, constant
 * buffers and operators are added in order, operator codes are shared in order of first use. Buffer
 * 0 is the empty buffer TFLite reserves for tensors without data.
 */
public final class TfliteModelBuilder {

  /** Schema version of the files this project writes. */
  public static final int SCHEMA_VERSION = 3;

  /** Metadata key TFLite converters use for the oldest runtime that can run the model. */
  public static final String MIN_RUNTIME_VERSION = "min_runtime_version";

  /** Converters store the runtime version string zero-padded to this many bytes. */
  private static final int RUNTIME_VERSION_BYTES = 16;

  private final List<TfliteTensor> tensors = new ArrayList<>();
  private final List<ModelBuffer> buffers = new ArrayList<>();
  private final List<OperatorCode> codes = new ArrayList<>();
  private final List<TfliteOperator> operators = new ArrayList<>();
  private final List<TfliteMetadata> metadata = new ArrayList<>();
  private int[] inputs = new int[0];
  private int[] outputs = new int[0];
  private String subgraphName = "main";
  private String description = "";

  public TfliteModelBuilder() {
    buffers.add(new ModelBuffer(new byte[0]));
  }

  /** An activation tensor (no data); returns its index. */
  public int tensor(String name, TensorType type, int[] shape, TfliteQuantization q) {
    tensors.add(new TfliteTensor(name, shape.clone(), null, type, 0, q, false));
    return tensors.size() - 1;
  }

  /** A constant tensor whose bytes get a buffer of their own; returns its index. */
  public int constant(
      String name, TensorType type, int[] shape, byte[] data, TfliteQuantization q) {
    buffers.add(new ModelBuffer(data.clone()));
    tensors.add(new TfliteTensor(name, shape.clone(), null, type, buffers.size() - 1, q, false));
    return tensors.size() - 1;
  }

  /** A little-endian int32 constant (shapes, axes, paddings, biases). */
  public int int32Constant(String name, int[] shape, int[] values, TfliteQuantization q) {
    ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    return constant(name, TensorType.INT32, shape, bb.array(), q);
  }

  /** Adds an operator; {@code -1} in {@code in} marks an omitted optional input. */
  public TfliteModelBuilder op(int builtinCode, int[] in, int[] out, BuiltinOptions options) {
    return op(builtinCode, 1, in, out, options);
  }

  /**
   * Adds an operator whose code entry records {@code version}; operators with the same code and
   * version share one entry.
   */
  public TfliteModelBuilder op(
      int builtinCode, int version, int[] in, int[] out, BuiltinOptions options) {
    OperatorCode code = new OperatorCode(builtinCode, null, version);
    int index = codes.indexOf(code);
    if (index < 0) {
      codes.add(code);
      index = codes.size() - 1;
    }
    operators.add(new TfliteOperator(index, in.clone(), out.clone(), options));
    return this;
  }

  public TfliteModelBuilder inputs(int... ids) {
    inputs = ids.clone();
    return this;
  }

  public TfliteModelBuilder outputs(int... ids) {
    outputs = ids.clone();
    return this;
  }

  public TfliteModelBuilder subgraphName(String name) {
    subgraphName = name;
    return this;
  }

  public TfliteModelBuilder description(String text) {
    description = text;
    return this;
  }

  /** Adds a named metadata entry holding {@code data} in a buffer of its own. */
  public TfliteModelBuilder metadata(String name, byte[] data) {
    buffers.add(new ModelBuffer(data.clone()));
    metadata.add(new TfliteMetadata(name, buffers.size() - 1));
    return this;
  }

  /** Records the oldest TFLite runtime that runs the model, e.g. "1.14.0", as converters do. */
  public TfliteModelBuilder minRuntimeVersion(String version) {
    byte[] text = version.getBytes(StandardCharsets.US_ASCII);
    if (text.length >= RUNTIME_VERSION_BYTES) {
      throw new IllegalArgumentException(
          "runtime version '"
              + version
              + "' longer than "
              + (RUNTIME_VERSION_BYTES - 1)
              + " characters");
    }
    return metadata(MIN_RUNTIME_VERSION, Arrays.copyOf(text, RUNTIME_VERSION_BYTES));
  }

  /** The model as records; {@code source} names it in messages. */
  public TfliteModel build(String source) {
    TfliteSubGraph sg =
        new TfliteSubGraph(
            subgraphName,
            List.copyOf(tensors),
            inputs.clone(),
            outputs.clone(),
            List.copyOf(operators));
    return new TfliteModel(
        source,
        SCHEMA_VERSION,
        description,
        List.copyOf(codes),
        List.of(sg),
        List.copyOf(buffers),
        List.copyOf(metadata));
  }

  /** The model as .tflite bytes in the standard layout. */
  public byte[] write(String source) {
    return TfliteWriter.write(build(source));
  }
}
