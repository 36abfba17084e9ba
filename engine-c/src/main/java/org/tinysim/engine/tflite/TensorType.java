package org.tinysim.engine.tflite;

/** TFLite {@code TensorType} enum; {@link #code()} is the value stored in the flatbuffer. */
public enum TensorType {
  FLOAT32(0),
  FLOAT16(1),
  INT32(2),
  UINT8(3),
  INT64(4),
  STRING(5),
  BOOL(6),
  INT16(7),
  COMPLEX64(8),
  INT8(9),
  FLOAT64(10),
  COMPLEX128(11),
  UINT64(12),
  RESOURCE(13),
  VARIANT(14),
  UINT32(15),
  UINT16(16),
  INT4(17),
  BFLOAT16(18);

  private static final TensorType[] BY_CODE = new TensorType[19];

  static {
    for (TensorType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  TensorType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Returns the type for a schema code, or null when the code is unknown to this reader. */
  public static TensorType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
