package org.tinysim.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;

/**
 * Writes {@link TfliteModel} records as an ordinary .tflite flatbuffer (schema v3, field ids per
 * tensorflow/lite/schema/schema.fbs), the inverse of {@link TfliteReader}. Output depends only on
 * the records, so equal models give identical bytes. Buffer data is 16-byte aligned in the file.
 * Records are written as given, even inconsistent ones (tests use that to feed the importer bad
 * files); {@link org.tinysim.engine.ir.TfliteImporter} is where a model is checked.
 */
public final class TfliteWriter {

  /**
   * How to lay the file out. {@code dataAfterFlatbuffer}: buffer bytes follow the flatbuffer and
   * buffers hold offset/size (the layout converters use for models over 2 GB). {@code
   * deprecatedCodesOnly}: operator codes carry only the int8 field, as converters before TF 2.4
   * wrote them. Both exist so readers can be tested against those files.
   */
  public record Layout(boolean dataAfterFlatbuffer, boolean deprecatedCodesOnly) {
    public static final Layout STANDARD = new Layout(false, false);
  }

  /** Largest code the deprecated int8 field can hold; newer operators store this placeholder. */
  static final int DEPRECATED_CODE_PLACEHOLDER = 127;

  /** Any non-zero offset: it only has to make the field present while the length is measured. */
  private static final long OFFSET_PLACEHOLDER = 2;

  private TfliteWriter() {}

  public static byte[] write(TfliteModel model) {
    return write(model, Layout.STANDARD);
  }

  public static byte[] write(TfliteModel model, Layout layout) {
    if (!layout.dataAfterFlatbuffer()) {
      return serialize(model, layout, null);
    }
    // Offsets are fixed-width fields, so the flatbuffer's length does not depend on their values.
    long[] offsets = new long[model.buffers().size()];
    int length = serialize(model, layout, placeholders(model)).length;
    long end = length;
    for (int i = 0; i < offsets.length; i++) {
      byte[] data = model.buffers().get(i).data();
      if (data.length > 0) {
        offsets[i] = align(end);
        end = offsets[i] + data.length;
      }
    }
    if (end > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "model " + model.source() + ": " + end + " bytes do not fit a Java array");
    }
    byte[] flatbuffer = serialize(model, layout, offsets);
    byte[] file = new byte[(int) end];
    System.arraycopy(flatbuffer, 0, file, 0, flatbuffer.length);
    for (int i = 0; i < offsets.length; i++) {
      byte[] data = model.buffers().get(i).data();
      System.arraycopy(data, 0, file, (int) offsets[i], data.length);
    }
    return file;
  }

  private static long align(long n) {
    int a = FbVectors.DATA_ALIGNMENT;
    return (n + a - 1) / a * a;
  }

  private static long[] placeholders(TfliteModel model) {
    long[] offsets = new long[model.buffers().size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = model.buffers().get(i).data().length > 0 ? OFFSET_PLACEHOLDER : 0;
    }
    return offsets;
  }

  /** {@code externalOffsets} null: data inline; else each buffer's file offset (0 = empty). */
  private static byte[] serialize(TfliteModel model, Layout layout, long[] externalOffsets) {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    int[] buffers = new int[model.buffers().size()];
    for (int i = 0; i < buffers.length; i++) {
      byte[] data = model.buffers().get(i).data();
      buffers[i] = buffer(b, data, externalOffsets == null ? -1 : externalOffsets[i]);
    }
    int[] subgraphs = new int[model.subgraphs().size()];
    for (int i = 0; i < subgraphs.length; i++) {
      subgraphs[i] =
          subGraph(b, model.subgraphs().get(i), "model " + model.source() + ", subgraph " + i);
    }
    int[] codes = new int[model.operatorCodes().size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = operatorCode(b, model.operatorCodes().get(i), layout.deprecatedCodesOnly());
    }
    int[] metadata = new int[model.metadata().size()];
    for (int i = 0; i < metadata.length; i++) {
      TfliteMetadata m = model.metadata().get(i);
      int name = b.createString(m.name());
      b.startTable(2);
      b.addOffset(0, name, 0);
      b.addInt(1, (int) m.buffer(), 0);
      metadata[i] = b.endTable();
    }
    int codesVec = b.createVectorOfTables(codes);
    int subgraphsVec = b.createVectorOfTables(subgraphs);
    int description = b.createString(model.description());
    int buffersVec = b.createVectorOfTables(buffers);
    int metadataVec = metadata.length == 0 ? 0 : b.createVectorOfTables(metadata);
    b.startTable(7);
    b.addInt(0, (int) model.version(), 0);
    b.addOffset(1, codesVec, 0);
    b.addOffset(2, subgraphsVec, 0);
    b.addOffset(3, description, 0);
    b.addOffset(4, buffersVec, 0);
    if (metadataVec != 0) {
      b.addOffset(6, metadataVec, 0);
    }
    b.finish(b.endTable(), TfliteReader.FILE_IDENTIFIER);
    return b.sizedByteArray();
  }

  /** {@code externalOffset} -1: data inline. */
  private static int buffer(FlatBufferBuilder b, byte[] data, long externalOffset) {
    boolean inline = externalOffset < 0 && data.length > 0;
    int vec = inline ? FbVectors.alignedBytes(b, data) : 0;
    b.startTable(3);
    if (inline) {
      b.addOffset(0, vec, 0);
    }
    if (externalOffset > 0) {
      b.addLong(1, externalOffset, 0);
      b.addLong(2, data.length, 0);
    }
    return b.endTable();
  }

  private static int operatorCode(FlatBufferBuilder b, OperatorCode code, boolean deprecatedOnly) {
    int custom = code.customCode() == null ? 0 : b.createString(code.customCode());
    b.startTable(4);
    b.addByte(0, (byte) Math.min(code.builtinCode(), DEPRECATED_CODE_PLACEHOLDER), 0);
    if (custom != 0) {
      b.addOffset(1, custom, 0);
    }
    b.addInt(2, code.version(), 1);
    if (!deprecatedOnly) {
      b.addInt(3, code.builtinCode(), 0);
    }
    return b.endTable();
  }

  private static int subGraph(FlatBufferBuilder b, TfliteSubGraph sg, String where) {
    int[] tensors = new int[sg.tensors().size()];
    for (int i = 0; i < tensors.length; i++) {
      tensors[i] = tensor(b, sg.tensors().get(i));
    }
    int[] ops = new int[sg.operators().size()];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = operator(b, sg.operators().get(i), where + ", operator " + i);
    }
    int tensorsVec = b.createVectorOfTables(tensors);
    int inputs = FbVectors.ints(b, sg.inputs());
    int outputs = FbVectors.ints(b, sg.outputs());
    int opsVec = b.createVectorOfTables(ops);
    int name = b.createString(sg.name());
    b.startTable(5);
    b.addOffset(0, tensorsVec, 0);
    b.addOffset(1, inputs, 0);
    b.addOffset(2, outputs, 0);
    b.addOffset(3, opsVec, 0);
    b.addOffset(4, name, 0);
    return b.endTable();
  }

  private static int tensor(FlatBufferBuilder b, TfliteTensor t) {
    int shape = FbVectors.ints(b, t.shape());
    int name = b.createString(t.name());
    int quant = quantization(b, t.quantization());
    int signature = t.shapeSignature() == null ? 0 : FbVectors.ints(b, t.shapeSignature());
    b.startTable(8);
    b.addOffset(0, shape, 0);
    b.addByte(1, (byte) t.type().code(), 0);
    b.addInt(2, (int) t.buffer(), 0);
    b.addOffset(3, name, 0);
    if (quant != 0) {
      b.addOffset(4, quant, 0);
    }
    b.addBoolean(5, t.isVariable(), false);
    if (signature != 0) {
      b.addOffset(7, signature, 0);
    }
    return b.endTable();
  }

  /** Returns 0 (no table) for unquantised tensors. */
  private static int quantization(FlatBufferBuilder b, TfliteQuantization q) {
    boolean empty =
        q.min().length == 0
            && q.max().length == 0
            && q.scale().length == 0
            && q.zeroPoint().length == 0;
    if (empty && q.quantizedDimension() == 0) {
      return 0;
    }
    int min = q.min().length == 0 ? 0 : FbVectors.floats(b, q.min());
    int max = q.max().length == 0 ? 0 : FbVectors.floats(b, q.max());
    int scale = q.scale().length == 0 ? 0 : FbVectors.floats(b, q.scale());
    int zeroPoint = q.zeroPoint().length == 0 ? 0 : FbVectors.longs(b, q.zeroPoint());
    b.startTable(7);
    addIfPresent(b, 0, min);
    addIfPresent(b, 1, max);
    addIfPresent(b, 2, scale);
    addIfPresent(b, 3, zeroPoint);
    b.addInt(6, q.quantizedDimension(), 0);
    return b.endTable();
  }

  private static void addIfPresent(FlatBufferBuilder b, int field, int offset) {
    if (offset != 0) {
      b.addOffset(field, offset, 0);
    }
  }

  private static int operator(FlatBufferBuilder b, TfliteOperator op, String where) {
    int inputs = FbVectors.ints(b, op.inputs());
    int outputs = FbVectors.ints(b, op.outputs());
    int options = OptionsWriter.write(b, op.options(), where);
    b.startTable(5);
    b.addInt(0, (int) op.opcodeIndex(), 0);
    b.addOffset(1, inputs, 0);
    b.addOffset(2, outputs, 0);
    b.addByte(3, (byte) op.options().unionType(), 0);
    if (options != 0) {
      b.addOffset(4, options, 0);
    }
    return b.endTable();
  }
}
