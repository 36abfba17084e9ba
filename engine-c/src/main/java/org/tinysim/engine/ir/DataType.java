package org.tinysim.engine.ir;

/**
 * Element type of an IR tensor. Names match TFLite's TensorType; {@code bits} is 0 for types
 * without a fixed element size (string, resource, variant).
 */
public enum DataType {
  FLOAT32(32),
  FLOAT16(16),
  FLOAT64(64),
  BFLOAT16(16),
  INT4(4),
  INT8(8),
  UINT8(8),
  INT16(16),
  UINT16(16),
  INT32(32),
  UINT32(32),
  INT64(64),
  UINT64(64),
  BOOL(8),
  COMPLEX64(64),
  COMPLEX128(128),
  STRING(0),
  RESOURCE(0),
  VARIANT(0);

  private final int bits;

  DataType(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  public boolean hasFixedSize() {
    return bits > 0;
  }

  /** Bytes needed for {@code elements} densely packed values (int4 packs two per byte). */
  public long bytesFor(long elements) {
    return (elements * bits + 7) / 8;
  }
}
