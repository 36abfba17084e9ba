package org.tinysim.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;

/** Scalar vectors for {@link TfliteWriter}; flatbuffers are built back to front. */
final class FbVectors {

  /** TFLite's schema asks for 16-byte aligned buffer data (force_align: 16) for SIMD loads. */
  static final int DATA_ALIGNMENT = 16;

  private FbVectors() {}

  static int ints(FlatBufferBuilder b, int[] values) {
    b.startVector(4, values.length, 4);
    for (int i = values.length - 1; i >= 0; i--) {
      b.addInt(values[i]);
    }
    return b.endVector();
  }

  static int floats(FlatBufferBuilder b, float[] values) {
    b.startVector(4, values.length, 4);
    for (int i = values.length - 1; i >= 0; i--) {
      b.addFloat(values[i]);
    }
    return b.endVector();
  }

  static int longs(FlatBufferBuilder b, long[] values) {
    b.startVector(8, values.length, 8);
    for (int i = values.length - 1; i >= 0; i--) {
      b.addLong(values[i]);
    }
    return b.endVector();
  }

  /** A byte vector whose first element sits on a {@link #DATA_ALIGNMENT} boundary of the file. */
  static int alignedBytes(FlatBufferBuilder b, byte[] data) {
    b.createUnintializedVector(1, data.length, DATA_ALIGNMENT).put(data);
    return b.endVector();
  }
}
