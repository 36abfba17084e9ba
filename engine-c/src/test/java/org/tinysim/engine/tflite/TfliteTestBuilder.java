package org.tinysim.engine.tflite;

/**
 * Test models in a few lines: a thin layer over {@link TfliteModelBuilder} and {@link TfliteWriter}
 * (so tests read files from the production writer) adding weight ramps, zero biases, options
 * factories and the legacy layouts readers must still accept.
 */
public final class TfliteTestBuilder {

  /** Makes the options record of an operator from the union type the test names. */
  public interface OptionsFactory {
    BuiltinOptions create(int unionType);
  }

  /** Quantization parameters to write; null means no quantization table. */
  public record Q(float[] scales, long[] zeroPoints, int axis) {
    public static Q of(float scale, long zeroPoint) {
      return new Q(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    public static Q perChannel(float[] scales, int axis) {
      return new Q(scales, new long[scales.length], axis);
    }

    static TfliteQuantization toRecord(Q q) {
      return q == null
          ? TfliteQuantization.NONE
          : new TfliteQuantization(
              new float[0], new float[0], q.scales(), q.zeroPoints(), q.axis());
    }
  }

  private final TfliteModelBuilder model = new TfliteModelBuilder().description("tinysim test");
  private boolean dataAfterFlatbuffer;
  private boolean deprecatedCodesOnly;

  /** An activation tensor (no data). */
  public int tensor(String name, TensorType type, int[] shape, Q q) {
    return model.tensor(name, type, shape, Q.toRecord(q));
  }

  public int int8(String name, int[] shape, float scale, int zeroPoint) {
    return tensor(name, TensorType.INT8, shape, Q.of(scale, zeroPoint));
  }

  /** A constant tensor whose bytes live in a new buffer. */
  public int constant(String name, TensorType type, int[] shape, byte[] data, Q q) {
    return model.constant(name, type, shape, data, Q.toRecord(q));
  }

  public int int32Constant(String name, int[] shape, int... values) {
    return model.int32Constant(name, shape, values, TfliteQuantization.NONE);
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
   * A constant stored outside the flatbuffer (offset/size layout of >2 GB models). The whole model
   * is then written in that layout, so use it in models without other constants.
   */
  public int externalConstant(String name, TensorType type, int[] shape, byte[] data, Q q) {
    if (dataAfterFlatbuffer) {
      throw new IllegalStateException("one external constant per test model");
    }
    dataAfterFlatbuffer = true;
    return constant(name, type, shape, data, q);
  }

  public TfliteTestBuilder op(
      int builtinCode, int[] in, int[] out, int optionsType, OptionsFactory options) {
    BuiltinOptions o = options == null ? new BuiltinOptions.None() : options.create(optionsType);
    if (o.unionType() != optionsType) {
      throw new IllegalArgumentException(
          "options union type " + o.unionType() + " given as " + optionsType);
    }
    model.op(builtinCode, in, out, o);
    return this;
  }

  public TfliteTestBuilder op(int builtinCode, int[] in, int[] out) {
    return op(builtinCode, in, out, OptionsTypes.NONE, null);
  }

  public TfliteTestBuilder inputs(int... ids) {
    model.inputs(ids);
    return this;
  }

  public TfliteTestBuilder outputs(int... ids) {
    model.outputs(ids);
    return this;
  }

  public TfliteTestBuilder subgraphName(String name) {
    model.subgraphName(name);
    return this;
  }

  /** Write only the deprecated int8 builtin code field (as pre-2.4 converters did). */
  public TfliteTestBuilder deprecatedCodesOnly() {
    deprecatedCodesOnly = true;
    return this;
  }

  public byte[] build() {
    return TfliteWriter.write(
        model.build("test"), new TfliteWriter.Layout(dataAfterFlatbuffer, deprecatedCodesOnly));
  }

  // ---- options factories ---------------------------------------------------------------------

  public static OptionsFactory conv2d(
      int padding, int strideW, int strideH, int act, int dilW, int dilH) {
    return type -> new BuiltinOptions.Conv2D(padding, strideW, strideH, act, dilW, dilH);
  }

  public static OptionsFactory depthwise(
      int padding, int strideW, int strideH, int multiplier, int act, int dilW, int dilH) {
    return type ->
        new BuiltinOptions.DepthwiseConv2D(padding, strideW, strideH, multiplier, act, dilW, dilH);
  }

  public static OptionsFactory pool(
      int padding, int strideW, int strideH, int filterW, int filterH, int act) {
    return type -> new BuiltinOptions.Pool2D(padding, strideW, strideH, filterW, filterH, act);
  }

  public static OptionsFactory fullyConnected(int act, int weightsFormat, boolean keepNumDims) {
    return type -> new BuiltinOptions.FullyConnected(act, weightsFormat, keepNumDims, false);
  }

  /** Add/Mul options share layout: field 0 is the fused activation. */
  public static OptionsFactory activationOnly(int act) {
    return type ->
        type == OptionsTypes.MUL ? new BuiltinOptions.Mul(act) : new BuiltinOptions.Add(act, true);
  }

  public static OptionsFactory softmax(float beta) {
    return type -> new BuiltinOptions.Softmax(beta);
  }

  public static OptionsFactory concatenation(int axis, int act) {
    return type -> new BuiltinOptions.Concatenation(axis, act);
  }

  public static OptionsFactory reshape(int... newShape) {
    return type -> new BuiltinOptions.Reshape(newShape);
  }

  public static OptionsFactory reducer(boolean keepDims) {
    return type -> new BuiltinOptions.Reducer(keepDims);
  }

  /** Options tables without fields (Pad, Transpose, LogSoftmax, Quantize, Dequantize). */
  public static OptionsFactory empty() {
    return BuiltinOptions.Empty::new;
  }
}
