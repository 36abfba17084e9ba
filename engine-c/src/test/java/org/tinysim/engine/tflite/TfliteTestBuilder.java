package org.tinysim.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only writer of small .tflite flatbuffers, field ids per schema.fbs. Tensors, operators
 * and buffers are collected first and serialised bottom-up in {@link #build()}.
 */
public final class TfliteTestBuilder {

  /** Writes an options table and returns its offset. */
  public interface OptionsWriter {
    int write(FlatBufferBuilder b);
  }

  /** Quantization parameters to write; null scales means no quantization table. */
  public record Q(float[] scales, long[] zeroPoints, int axis) {
    public static Q of(float scale, long zeroPoint) {
      return new Q(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    public static Q perChannel(float[] scales, int axis) {
      return new Q(scales, new long[scales.length], axis);
    }
  }

  private record TensorSpec(String name, TensorType type, int[] shape, int buffer, Q q,
      boolean variable) {}

  private record OpSpec(int opcode, int[] inputs, int[] outputs, int optionsType,
      OptionsWriter options) {}

  private record BufferSpec(byte[] data, long offset, long size) {}

  private final List<TensorSpec> tensors = new ArrayList<>();
  private final List<OpSpec> ops = new ArrayList<>();
  private final List<BufferSpec> buffers = new ArrayList<>();
  private final List<Integer> opcodes = new ArrayList<>();
  private int[] inputs = new int[0];
  private int[] outputs = new int[0];
  private String subgraphName = "main";
  private String description = "tinysim test";
  private byte[] externalData;
  private boolean deprecatedCodesOnly;

  public TfliteTestBuilder() {
    buffers.add(new BufferSpec(new byte[0], 0, 0)); // buffer 0: the empty sentinel
  }

  /** An activation tensor (no data). */
  public int tensor(String name, TensorType type, int[] shape, Q q) {
    tensors.add(new TensorSpec(name, type, shape, 0, q, false));
    return tensors.size() - 1;
  }

  public int int8(String name, int[] shape, float scale, int zeroPoint) {
    return tensor(name, TensorType.INT8, shape, Q.of(scale, zeroPoint));
  }

  /** A constant tensor whose bytes live in a new buffer. */
  public int constant(String name, TensorType type, int[] shape, byte[] data, Q q) {
    buffers.add(new BufferSpec(data, 0, 0));
    tensors.add(new TensorSpec(name, type, shape, buffers.size() - 1, q, false));
    return tensors.size() - 1;
  }

  public int int32Constant(String name, int[] shape, int... values) {
    ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    return constant(name, TensorType.INT32, shape, bb.array(), null);
  }

  /** int8 weights filled with a repeating ramp; quantization as given. */
  public int int8Weights(String name, int[] shape, Q q) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) ((i % 7) - 3);
    }
    return constant(name, TensorType.INT8, shape, data, q);
  }

  /** int32 bias of {@code n} zeros. */
  public int bias(String name, int n) {
    return constant(name, TensorType.INT32, new int[] {n}, new byte[4 * n], null);
  }

  /**
   * A constant stored outside the flatbuffer (offset/size layout of >2 GB models): its bytes
   * are appended after the flatbuffer and the buffer records their file offset.
   */
  public int externalConstant(String name, TensorType type, int[] shape, byte[] data, Q q) {
    if (externalData != null) {
      throw new IllegalStateException("one external constant per test model");
    }
    externalData = data;
    buffers.add(new BufferSpec(null, 2, data.length)); // offset patched in build()
    tensors.add(new TensorSpec(name, type, shape, buffers.size() - 1, q, false));
    return tensors.size() - 1;
  }

  public TfliteTestBuilder op(int builtinCode, int[] in, int[] out, int optionsType,
      OptionsWriter options) {
    int idx = opcodes.indexOf(builtinCode);
    if (idx < 0) {
      opcodes.add(builtinCode);
      idx = opcodes.size() - 1;
    }
    ops.add(new OpSpec(idx, in, out, optionsType, options));
    return this;
  }

  public TfliteTestBuilder op(int builtinCode, int[] in, int[] out) {
    return op(builtinCode, in, out, OptionsTypes.NONE, null);
  }

  public TfliteTestBuilder inputs(int... ids) {
    inputs = ids;
    return this;
  }

  public TfliteTestBuilder outputs(int... ids) {
    outputs = ids;
    return this;
  }

  public TfliteTestBuilder subgraphName(String name) {
    subgraphName = name;
    return this;
  }

  /** Write only the deprecated int8 builtin code field (as pre-2.4 converters did). */
  public TfliteTestBuilder deprecatedCodesOnly() {
    deprecatedCodesOnly = true;
    return this;
  }

  public byte[] build() {
    if (externalData == null) {
      return serialize(0);
    }
    // The offset field has a fixed width, so the flatbuffer length does not depend on its value.
    int length = serialize(2).length;
    long offset = (length + 15) & ~15L;
    byte[] fb = serialize(offset);
    byte[] file = new byte[(int) offset + externalData.length];
    System.arraycopy(fb, 0, file, 0, fb.length);
    System.arraycopy(externalData, 0, file, (int) offset, externalData.length);
    return file;
  }

  private byte[] serialize(long externalOffset) {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    int[] bufferOffsets = new int[buffers.size()];
    for (int i = 0; i < buffers.size(); i++) {
      BufferSpec s = buffers.get(i);
      int data = s.data() == null || s.data().length == 0 ? 0 : b.createByteVector(s.data());
      b.startTable(3);
      if (data != 0) {
        b.addOffset(0, data, 0);
      }
      if (s.data() == null) {
        b.addLong(1, externalOffset, 0);
        b.addLong(2, s.size(), 0);
      }
      bufferOffsets[i] = b.endTable();
    }
    int[] tensorOffsets = new int[tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      tensorOffsets[i] = writeTensor(b, tensors.get(i));
    }
    int[] opOffsets = new int[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      opOffsets[i] = writeOp(b, ops.get(i));
    }
    int tensorsVec = b.createVectorOfTables(tensorOffsets);
    int inVec = intVector(b, inputs);
    int outVec = intVector(b, outputs);
    int opsVec = b.createVectorOfTables(opOffsets);
    int name = b.createString(subgraphName);
    b.startTable(5);
    b.addOffset(0, tensorsVec, 0);
    b.addOffset(1, inVec, 0);
    b.addOffset(2, outVec, 0);
    b.addOffset(3, opsVec, 0);
    b.addOffset(4, name, 0);
    int subgraph = b.endTable();

    int[] codeOffsets = new int[opcodes.size()];
    for (int i = 0; i < opcodes.size(); i++) {
      int code = opcodes.get(i);
      b.startTable(4);
      b.addByte(0, (byte) Math.min(code, 127), 0);
      if (!deprecatedCodesOnly) {
        b.addInt(3, code, 0);
      }
      b.addInt(2, 1, 1);
      codeOffsets[i] = b.endTable();
    }
    int codesVec = b.createVectorOfTables(codeOffsets);
    int subgraphsVec = b.createVectorOfTables(new int[] {subgraph});
    int desc = b.createString(description);
    int buffersVec = b.createVectorOfTables(bufferOffsets);
    b.startTable(8);
    b.addInt(0, 3, 0);
    b.addOffset(1, codesVec, 0);
    b.addOffset(2, subgraphsVec, 0);
    b.addOffset(3, desc, 0);
    b.addOffset(4, buffersVec, 0);
    int model = b.endTable();
    b.finish(model, TfliteReader.FILE_IDENTIFIER);
    return b.sizedByteArray();
  }

  private static int writeTensor(FlatBufferBuilder b, TensorSpec t) {
    int shape = intVector(b, t.shape());
    int name = b.createString(t.name());
    int quant = 0;
    if (t.q() != null) {
      b.startVector(4, t.q().scales().length, 4);
      for (int i = t.q().scales().length - 1; i >= 0; i--) {
        b.addFloat(t.q().scales()[i]);
      }
      int scales = b.endVector();
      b.startVector(8, t.q().zeroPoints().length, 8);
      for (int i = t.q().zeroPoints().length - 1; i >= 0; i--) {
        b.addLong(t.q().zeroPoints()[i]);
      }
      int zps = b.endVector();
      b.startTable(7);
      b.addOffset(2, scales, 0);
      b.addOffset(3, zps, 0);
      b.addInt(6, t.q().axis(), 0);
      quant = b.endTable();
    }
    b.startTable(8);
    b.addOffset(0, shape, 0);
    b.addByte(1, (byte) t.type().code(), 0);
    b.addInt(2, t.buffer(), 0);
    b.addOffset(3, name, 0);
    if (quant != 0) {
      b.addOffset(4, quant, 0);
    }
    b.addBoolean(5, t.variable(), false);
    return b.endTable();
  }

  private static int writeOp(FlatBufferBuilder b, OpSpec op) {
    int in = intVector(b, op.inputs());
    int out = intVector(b, op.outputs());
    int options = op.options() == null ? 0 : op.options().write(b);
    b.startTable(5);
    b.addInt(0, op.opcode(), 0);
    b.addOffset(1, in, 0);
    b.addOffset(2, out, 0);
    b.addByte(3, (byte) op.optionsType(), 0);
    if (options != 0) {
      b.addOffset(4, options, 0);
    }
    return b.endTable();
  }

  static int intVector(FlatBufferBuilder b, int[] values) {
    b.startVector(4, values.length, 4);
    for (int i = values.length - 1; i >= 0; i--) {
      b.addInt(values[i]);
    }
    return b.endVector();
  }

  // ---- options tables ------------------------------------------------------------------------

  public static OptionsWriter conv2d(int padding, int strideW, int strideH, int act, int dilW,
      int dilH) {
    return b -> {
      b.startTable(6);
      b.addByte(0, (byte) padding, 0);
      b.addInt(1, strideW, 0);
      b.addInt(2, strideH, 0);
      b.addByte(3, (byte) act, 0);
      b.addInt(4, dilW, 1);
      b.addInt(5, dilH, 1);
      return b.endTable();
    };
  }

  public static OptionsWriter depthwise(int padding, int strideW, int strideH, int multiplier,
      int act, int dilW, int dilH) {
    return b -> {
      b.startTable(7);
      b.addByte(0, (byte) padding, 0);
      b.addInt(1, strideW, 0);
      b.addInt(2, strideH, 0);
      b.addInt(3, multiplier, 0);
      b.addByte(4, (byte) act, 0);
      b.addInt(5, dilW, 1);
      b.addInt(6, dilH, 1);
      return b.endTable();
    };
  }

  public static OptionsWriter pool(int padding, int strideW, int strideH, int filterW,
      int filterH, int act) {
    return b -> {
      b.startTable(6);
      b.addByte(0, (byte) padding, 0);
      b.addInt(1, strideW, 0);
      b.addInt(2, strideH, 0);
      b.addInt(3, filterW, 0);
      b.addInt(4, filterH, 0);
      b.addByte(5, (byte) act, 0);
      return b.endTable();
    };
  }

  public static OptionsWriter fullyConnected(int act, int weightsFormat, boolean keepNumDims) {
    return b -> {
      b.startTable(4);
      b.addByte(0, (byte) act, 0);
      b.addByte(1, (byte) weightsFormat, 0);
      b.addBoolean(2, keepNumDims, false);
      return b.endTable();
    };
  }

  /** Add/Mul options share layout: field 0 is the fused activation. */
  public static OptionsWriter activationOnly(int act) {
    return b -> {
      b.startTable(2);
      b.addByte(0, (byte) act, 0);
      return b.endTable();
    };
  }

  public static OptionsWriter softmax(float beta) {
    return b -> {
      b.startTable(1);
      b.addFloat(0, beta, 0);
      return b.endTable();
    };
  }

  public static OptionsWriter concatenation(int axis, int act) {
    return b -> {
      b.startTable(2);
      b.addInt(0, axis, 0);
      b.addByte(1, (byte) act, 0);
      return b.endTable();
    };
  }

  public static OptionsWriter reshape(int... newShape) {
    return b -> {
      int v = intVector(b, newShape);
      b.startTable(1);
      b.addOffset(0, v, 0);
      return b.endTable();
    };
  }

  public static OptionsWriter reducer(boolean keepDims) {
    return b -> {
      b.startTable(1);
      b.addBoolean(0, keepDims, false);
      return b.endTable();
    };
  }

  public static OptionsWriter empty() {
    return b -> {
      b.startTable(0);
      return b.endTable();
    };
  }
}
