package org.tinysim.engine.tflite;

/** Decodes an options table by its union type, using the schema field ids. */
final class OptionsParser {

  private OptionsParser() {}

  static BuiltinOptions parse(int type, FbTable t) {
    if (type == OptionsTypes.NONE) {
      return new BuiltinOptions.None();
    }
    if (t == null) {
      // A union type without its table: TFLite falls back to default parameters.
      return defaults(type);
    }
    return switch (type) {
      case OptionsTypes.CONV_2D ->
          new BuiltinOptions.Conv2D(
              t.int8(0, 0),
              t.int32(1, 0),
              t.int32(2, 0),
              t.int8(3, 0),
              t.int32(4, 1),
              t.int32(5, 1));
      case OptionsTypes.DEPTHWISE_CONV_2D ->
          new BuiltinOptions.DepthwiseConv2D(
              t.int8(0, 0),
              t.int32(1, 0),
              t.int32(2, 0),
              t.int32(3, 0),
              t.int8(4, 0),
              t.int32(5, 1),
              t.int32(6, 1));
      case OptionsTypes.POOL_2D ->
          new BuiltinOptions.Pool2D(
              t.int8(0, 0),
              t.int32(1, 0),
              t.int32(2, 0),
              t.int32(3, 0),
              t.int32(4, 0),
              t.int8(5, 0));
      case OptionsTypes.FULLY_CONNECTED ->
          new BuiltinOptions.FullyConnected(
              t.int8(0, 0), t.int8(1, 0), t.bool(2, false), t.bool(3, false));
      case OptionsTypes.SOFTMAX -> new BuiltinOptions.Softmax(t.float32(0, 0f));
      case OptionsTypes.CONCATENATION ->
          new BuiltinOptions.Concatenation(t.int32(0, 0), t.int8(1, 0));
      case OptionsTypes.ADD -> new BuiltinOptions.Add(t.int8(0, 0), t.bool(1, true));
      case OptionsTypes.MUL -> new BuiltinOptions.Mul(t.int8(0, 0));
      case OptionsTypes.RESHAPE -> new BuiltinOptions.Reshape(t.int32Vector(0, "new_shape"));
      case OptionsTypes.REDUCER -> new BuiltinOptions.Reducer(t.bool(0, false));
      case OptionsTypes.PAD,
          OptionsTypes.TRANSPOSE,
          OptionsTypes.LOG_SOFTMAX,
          OptionsTypes.DEQUANTIZE,
          OptionsTypes.QUANTIZE ->
          new BuiltinOptions.Empty(type);
      default -> new BuiltinOptions.Other(type);
    };
  }

  private static BuiltinOptions defaults(int type) {
    return switch (type) {
      case OptionsTypes.CONV_2D -> new BuiltinOptions.Conv2D(0, 0, 0, 0, 1, 1);
      case OptionsTypes.DEPTHWISE_CONV_2D ->
          new BuiltinOptions.DepthwiseConv2D(0, 0, 0, 0, 0, 1, 1);
      case OptionsTypes.POOL_2D -> new BuiltinOptions.Pool2D(0, 0, 0, 0, 0, 0);
      case OptionsTypes.FULLY_CONNECTED -> new BuiltinOptions.FullyConnected(0, 0, false, false);
      case OptionsTypes.SOFTMAX -> new BuiltinOptions.Softmax(0f);
      case OptionsTypes.CONCATENATION -> new BuiltinOptions.Concatenation(0, 0);
      case OptionsTypes.ADD -> new BuiltinOptions.Add(0, true);
      case OptionsTypes.MUL -> new BuiltinOptions.Mul(0);
      case OptionsTypes.RESHAPE -> new BuiltinOptions.Reshape(null);
      case OptionsTypes.REDUCER -> new BuiltinOptions.Reducer(false);
      case OptionsTypes.PAD,
          OptionsTypes.TRANSPOSE,
          OptionsTypes.LOG_SOFTMAX,
          OptionsTypes.DEQUANTIZE,
          OptionsTypes.QUANTIZE ->
          new BuiltinOptions.Empty(type);
      default -> new BuiltinOptions.Other(type);
    };
  }
}
