package org.tinysim.engine.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An IR tensor. {@code data} holds the little-endian constant bytes, or is null for activations
 * (graph inputs, intermediates, variables). {@code id} is the index in {@link Graph#tensors()}.
 */
public record Tensor(
    int id,
    String name,
    Shape shape,
    DataType type,
    Quantization quantization,
    byte[] data,
    boolean isVariable) {

  public boolean isConstant() {
    return data != null;
  }

  /** Dense size of the tensor in bytes (element count times element size). */
  public long sizeInBytes() {
    return type.bytesFor(shape.elementCount());
  }

  /** Constant data copied out; null for activations. */
  @Override
  public byte[] data() {
    return data == null ? null : data.clone();
  }

  /** Read-only little-endian view of the constant data without copying; null for activations. */
  public ByteBuffer dataBuffer() {
    return data == null
        ? null
        : ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Constant int32 data as ints (bias, shape and axis tensors). */
  public int[] int32Data() {
    requireConstant(DataType.INT32);
    int[] out = new int[data.length / 4];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  /** Constant int64 data as longs (some converters store paddings / axes as int64). */
  public long[] int64Data() {
    requireConstant(DataType.INT64);
    long[] out = new long[data.length / 8];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    return out;
  }

  private void requireConstant(DataType expected) {
    if (data == null || type != expected) {
      throw new IllegalStateException(
          "tensor "
              + id
              + " '"
              + name
              + "' is not a constant "
              + expected
              + " tensor ("
              + type
              + ", constant="
              + (data != null)
              + ")");
    }
  }

  @Override
  public String toString() {
    return "Tensor["
        + id
        + " '"
        + name
        + "' "
        + type
        + " "
        + shape
        + " "
        + quantization
        + (data != null ? " const" : "")
        + "]";
  }
}
