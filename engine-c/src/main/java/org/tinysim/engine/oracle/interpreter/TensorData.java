package org.tinysim.engine.oracle.interpreter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tinysim.engine.ir.DataType;

/**
 * The value of one activation tensor: int8 or float32 elements in row-major order. Arrays are not
 * copied (the interpreter hands out fresh ones per run); callers must not modify them.
 */
public sealed interface TensorData {

  static TensorData int8(byte[] values) {
    return new Int8(values);
  }

  static TensorData float32(float[] values) {
    return new Float32(values);
  }

  DataType type();

  int length();

  /** The bytes as they sit in memory on a little-endian target such as the Cortex-M7. */
  byte[] toLittleEndianBytes();

  /** The int8 values; fails when this is not int8 data. */
  default byte[] int8() {
    throw new IllegalStateException("tensor data is " + type() + ", not INT8");
  }

  /** The float32 values; fails when this is not float32 data. */
  default float[] float32() {
    throw new IllegalStateException("tensor data is " + type() + ", not FLOAT32");
  }

  /** int8 elements. */
  record Int8(byte[] values) implements TensorData {
    @Override
    public DataType type() {
      return DataType.INT8;
    }

    @Override
    public int length() {
      return values.length;
    }

    @Override
    public byte[] toLittleEndianBytes() {
      return values.clone();
    }

    @Override
    public byte[] int8() {
      return values;
    }
  }

  /** float32 elements. */
  record Float32(float[] values) implements TensorData {
    @Override
    public DataType type() {
      return DataType.FLOAT32;
    }

    @Override
    public int length() {
      return values.length;
    }

    @Override
    public byte[] toLittleEndianBytes() {
      ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(values);
      return b.array();
    }

    @Override
    public float[] float32() {
      return values;
    }
  }
}
