package org.tinysim.engine.tflite;

/**
 * The builtin_options union of an operator. Enum-valued fields keep the raw schema codes (Padding:
 * SAME=0, VALID=1; ActivationFunctionType: NONE=0, RELU=1, RELU_N1_TO_1=2, RELU6=3, TANH=4,
 * SIGN_BIT=5) so the reader stays faithful and the IR converter decides what is supported.
 */
public sealed interface BuiltinOptions {

  /** Union type code as stored in the file (0 = NONE). */
  int unionType();

  /** No options table. */
  record None() implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.NONE;
    }
  }

  record Conv2D(
      int padding, int strideW, int strideH, int fusedActivation, int dilationW, int dilationH)
      implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.CONV_2D;
    }
  }

  record DepthwiseConv2D(
      int padding,
      int strideW,
      int strideH,
      int depthMultiplier,
      int fusedActivation,
      int dilationW,
      int dilationH)
      implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.DEPTHWISE_CONV_2D;
    }
  }

  record Pool2D(
      int padding, int strideW, int strideH, int filterWidth, int filterHeight, int fusedActivation)
      implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.POOL_2D;
    }
  }

  /** weightsFormat: DEFAULT=0, SHUFFLED4x16INT8=1. */
  record FullyConnected(
      int fusedActivation, int weightsFormat, boolean keepNumDims, boolean asymmetricQuantizeInputs)
      implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.FULLY_CONNECTED;
    }
  }

  record Softmax(float beta) implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.SOFTMAX;
    }
  }

  record Concatenation(int axis, int fusedActivation) implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.CONCATENATION;
    }
  }

  record Add(int fusedActivation, boolean potScaleInt16) implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.ADD;
    }
  }

  record Mul(int fusedActivation) implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.MUL;
    }
  }

  /** newShape is null when the (optional) field is absent. */
  record Reshape(int[] newShape) implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.RESHAPE;
    }
  }

  record Reducer(boolean keepDims) implements BuiltinOptions {
    @Override
    public int unionType() {
      return OptionsTypes.REDUCER;
    }
  }

  /** Option tables without fields (Pad, Transpose, LogSoftmax, Quantize, Dequantize). */
  record Empty(int unionType) implements BuiltinOptions {}

  /** A union member this reader does not decode; only its type code is recorded. */
  record Other(int unionType) implements BuiltinOptions {}
}
