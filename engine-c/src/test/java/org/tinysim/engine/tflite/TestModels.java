package org.tinysim.engine.tflite;

import static org.tinysim.engine.tflite.TfliteTestBuilder.Q;

/** Small single- and multi-operator models shared by reader, IR and prepare tests. */
public final class TestModels {

  public static final int SAME = 0;
  public static final int VALID = 1;
  public static final int NONE = 0;
  public static final int RELU = 1;
  public static final int RELU_N1_TO_1 = 2;
  public static final int RELU6 = 3;

  /** Per-channel filter scales of {@link #conv}. */
  public static final float[] CONV_FILTER_SCALES = {0.25f, 0.125f, 0.0625f, 0.5f};

  private TestModels() {}

  /** CONV_2D 1x8x8x3 -> 4 channels with a 3x3 filter; input s=0.5 zp=-128, output s=1 zp=-1. */
  public static byte[] conv(int padding, int stride, int act, int dilation) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 8, 8, 3}, 0.5f, -128);
    int w = b.int8Weights("filter", new int[] {4, 3, 3, 3}, Q.perChannel(CONV_FILTER_SCALES, 0));
    int bias = b.bias("bias", 4);
    int eff = 2 * dilation + 1;
    int outHw = padding == SAME ? (8 + stride - 1) / stride : (8 + stride - eff) / stride;
    int out = b.int8("output", new int[] {1, outHw, outHw, 4}, 1f, -1);
    b.op(
        BuiltinOperators.CONV_2D,
        new int[] {in, w, bias},
        new int[] {out},
        OptionsTypes.CONV_2D,
        TfliteTestBuilder.conv2d(padding, stride, stride, act, dilation, dilation));
    return b.inputs(in).outputs(out).build();
  }

  /** DEPTHWISE_CONV_2D 1x8x8x4, multiplier 2, SAME, stride 2 -> 1x4x4x8, RELU6. */
  public static byte[] depthwise() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 8, 8, 4}, 0.5f, 0);
    float[] scales = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
    int w = b.int8Weights("filter", new int[] {1, 3, 3, 8}, Q.perChannel(scales, 3));
    int bias = b.bias("bias", 8);
    int out = b.int8("output", new int[] {1, 4, 4, 8}, 0.1f, -128);
    b.op(
        BuiltinOperators.DEPTHWISE_CONV_2D,
        new int[] {in, w, bias},
        new int[] {out},
        OptionsTypes.DEPTHWISE_CONV_2D,
        TfliteTestBuilder.depthwise(SAME, 2, 2, 2, RELU6, 1, 1));
    return b.inputs(in).outputs(out).build();
  }

  /** FULLY_CONNECTED 1x2x2x4 (16 values) -> 1x10, per-tensor weights, no bias (-1). */
  public static byte[] fullyConnected() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 2, 2, 4}, 0.1f, -128);
    int w = b.int8Weights("weights", new int[] {10, 16}, Q.of(0.02f, 0));
    int out = b.int8("output", new int[] {1, 10}, 0.3f, 5);
    b.op(
        BuiltinOperators.FULLY_CONNECTED,
        new int[] {in, w, -1},
        new int[] {out},
        OptionsTypes.FULLY_CONNECTED,
        TfliteTestBuilder.fullyConnected(RELU, 0, false));
    return b.inputs(in).outputs(out).build();
  }

  /** ADD (or MUL) of 1x4x4x2 with 1x1x1x2 (broadcast); scales 0.5 / 0.25 -> 1.0. */
  public static byte[] binary(int builtin, int act) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int x = b.int8("x", new int[] {1, 4, 4, 2}, 0.5f, -10);
    int y = b.int8("y", new int[] {1, 1, 1, 2}, 0.25f, 3);
    int out = b.int8("sum", new int[] {1, 4, 4, 2}, 1f, -128);
    int type = builtin == BuiltinOperators.ADD ? OptionsTypes.ADD : OptionsTypes.MUL;
    b.op(builtin, new int[] {x, y}, new int[] {out}, type, TfliteTestBuilder.activationOnly(act));
    return b.inputs(x, y).outputs(out).build();
  }

  /** AVERAGE_POOL_2D or MAX_POOL_2D 1x5x5x2, 3x3 filter, stride 2, SAME -> 1x3x3x2. */
  public static byte[] pool(int builtin) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 5, 5, 2}, 0.5f, 0);
    int out = b.int8("output", new int[] {1, 3, 3, 2}, 0.5f, 0);
    b.op(
        builtin,
        new int[] {in},
        new int[] {out},
        OptionsTypes.POOL_2D,
        TfliteTestBuilder.pool(SAME, 2, 2, 3, 3, RELU));
    return b.inputs(in).outputs(out).build();
  }

  /** MEAN of 1x4x4x3 over axes [1, -2] (= [1, 2]) with keep_dims. */
  public static byte[] mean(boolean keepDims) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 4, 4, 3}, 0.5f, 2);
    int axes = b.int32Constant("axes", new int[] {2}, 1, -2);
    int out = b.int8("output", keepDims ? new int[] {1, 1, 1, 3} : new int[] {1, 3}, 0.25f, -1);
    b.op(
        BuiltinOperators.MEAN,
        new int[] {in, axes},
        new int[] {out},
        OptionsTypes.REDUCER,
        TfliteTestBuilder.reducer(keepDims));
    return b.inputs(in).outputs(out).build();
  }

  /** PAD 1x3x3x2 by [[0,0],[1,2],[0,1],[0,0]] -> 1x6x4x2. */
  public static byte[] pad() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 3, 3, 2}, 0.5f, -7);
    int pads = b.int32Constant("paddings", new int[] {4, 2}, 0, 0, 1, 2, 0, 1, 0, 0);
    int out = b.int8("output", new int[] {1, 6, 4, 2}, 0.5f, -7);
    b.op(
        BuiltinOperators.PAD,
        new int[] {in, pads},
        new int[] {out},
        OptionsTypes.PAD,
        TfliteTestBuilder.empty());
    return b.inputs(in).outputs(out).build();
  }

  /** RESHAPE 1x2x3x4 -> 1x24 with a shape tensor and ReshapeOptions.new_shape. */
  public static byte[] reshape() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 2, 3, 4}, 0.5f, 0);
    int shape = b.int32Constant("shape", new int[] {2}, 1, 24);
    int out = b.int8("output", new int[] {1, 24}, 0.5f, 0);
    b.op(
        BuiltinOperators.RESHAPE,
        new int[] {in, shape},
        new int[] {out},
        OptionsTypes.RESHAPE,
        TfliteTestBuilder.reshape(1, 24));
    return b.inputs(in).outputs(out).build();
  }

  /** TRANSPOSE 1x2x3x4 with perm [0,3,1,2] -> 1x4x2x3. */
  public static byte[] transpose() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 2, 3, 4}, 0.5f, 0);
    int perm = b.int32Constant("perm", new int[] {4}, 0, 3, 1, 2);
    int out = b.int8("output", new int[] {1, 4, 2, 3}, 0.5f, 0);
    b.op(
        BuiltinOperators.TRANSPOSE,
        new int[] {in, perm},
        new int[] {out},
        OptionsTypes.TRANSPOSE,
        TfliteTestBuilder.empty());
    return b.inputs(in).outputs(out).build();
  }

  /** SOFTMAX 1x10, input scale 1/16, beta 1, output 1/256 zp -128 (or the given output zp). */
  public static byte[] softmax(int outputZeroPoint) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("logits", new int[] {1, 10}, 0.0625f, 3);
    int out = b.int8("probs", new int[] {1, 10}, 1f / 256, outputZeroPoint);
    b.op(
        BuiltinOperators.SOFTMAX,
        new int[] {in},
        new int[] {out},
        OptionsTypes.SOFTMAX,
        TfliteTestBuilder.softmax(1f));
    return b.inputs(in).outputs(out).build();
  }

  /** LOG_SOFTMAX 1x10 in int8 (input scale 1/16, output 16/256 zp 127) or float32. */
  public static byte[] logSoftmax(boolean int8) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in;
    int out;
    if (int8) {
      in = b.int8("logits", new int[] {1, 10}, 0.0625f, 0);
      out = b.int8("logprobs", new int[] {1, 10}, 16f / 256, 127);
    } else {
      in = b.tensor("logits", TensorType.FLOAT32, new int[] {1, 10}, null);
      out = b.tensor("logprobs", TensorType.FLOAT32, new int[] {1, 10}, null);
    }
    b.op(
        BuiltinOperators.LOG_SOFTMAX,
        new int[] {in},
        new int[] {out},
        OptionsTypes.LOG_SOFTMAX,
        TfliteTestBuilder.empty());
    return b.inputs(in).outputs(out).build();
  }

  /** QUANTIZE float32 1x4 -> int8 (s=0.5, zp=3), then int8 -> int8 (s=0.25, zp=-2), DEQUANTIZE. */
  public static byte[] quantizeChain() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int f = b.tensor("float_in", TensorType.FLOAT32, new int[] {1, 4}, null);
    int q1 = b.int8("q1", new int[] {1, 4}, 0.5f, 3);
    int q2 = b.int8("q2", new int[] {1, 4}, 0.25f, -2);
    int d = b.tensor("float_out", TensorType.FLOAT32, new int[] {1, 4}, null);
    b.op(
        BuiltinOperators.QUANTIZE,
        new int[] {f},
        new int[] {q1},
        OptionsTypes.QUANTIZE,
        TfliteTestBuilder.empty());
    b.op(
        BuiltinOperators.QUANTIZE,
        new int[] {q1},
        new int[] {q2},
        OptionsTypes.QUANTIZE,
        TfliteTestBuilder.empty());
    b.op(
        BuiltinOperators.DEQUANTIZE,
        new int[] {q2},
        new int[] {d},
        OptionsTypes.DEQUANTIZE,
        TfliteTestBuilder.empty());
    return b.inputs(f).outputs(d).build();
  }

  /** CONCATENATION of 1x2x2x3 and 1x2x2x5 along axis -1 -> 1x2x2x8. */
  public static byte[] concatenation() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int x = b.int8("x", new int[] {1, 2, 2, 3}, 0.5f, 1);
    int y = b.int8("y", new int[] {1, 2, 2, 5}, 0.5f, 1);
    int out = b.int8("out", new int[] {1, 2, 2, 8}, 0.5f, 1);
    b.op(
        BuiltinOperators.CONCATENATION,
        new int[] {x, y},
        new int[] {out},
        OptionsTypes.CONCATENATION,
        TfliteTestBuilder.concatenation(-1, NONE));
    return b.inputs(x, y).outputs(out).build();
  }

  /** A model with one operator of the given builtin code and no options (1x4 int8 -> 1x4). */
  public static byte[] singleOp(int builtin) {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 4}, 0.5f, 0);
    int out = b.int8("output", new int[] {1, 4}, 0.5f, 0);
    b.op(builtin, new int[] {in}, new int[] {out});
    return b.inputs(in).outputs(out).build();
  }

  /**
   * A 7-op chain: CONV_2D, DEPTHWISE_CONV_2D, ADD, AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED,
   * SOFTMAX on a 1x8x8x3 input.
   */
  public static byte[] chain() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 8, 8, 3}, 0.5f, -128);
    int cw = b.int8Weights("conv_w", new int[] {4, 3, 3, 3}, Q.perChannel(CONV_FILTER_SCALES, 0));
    int cb = b.bias("conv_b", 4);
    int t1 = b.int8("t1", new int[] {1, 8, 8, 4}, 0.2f, -128);
    b.op(
        BuiltinOperators.CONV_2D,
        new int[] {in, cw, cb},
        new int[] {t1},
        OptionsTypes.CONV_2D,
        TfliteTestBuilder.conv2d(SAME, 1, 1, RELU, 1, 1));
    int dw =
        b.int8Weights(
            "dw_w", new int[] {1, 3, 3, 4}, Q.perChannel(new float[] {0.1f, 0.1f, 0.2f, 0.2f}, 3));
    int db = b.bias("dw_b", 4);
    int t2 = b.int8("t2", new int[] {1, 8, 8, 4}, 0.3f, -128);
    b.op(
        BuiltinOperators.DEPTHWISE_CONV_2D,
        new int[] {t1, dw, db},
        new int[] {t2},
        OptionsTypes.DEPTHWISE_CONV_2D,
        TfliteTestBuilder.depthwise(SAME, 1, 1, 1, RELU6, 1, 1));
    int t3 = b.int8("t3", new int[] {1, 8, 8, 4}, 0.4f, -128);
    b.op(
        BuiltinOperators.ADD,
        new int[] {t1, t2},
        new int[] {t3},
        OptionsTypes.ADD,
        TfliteTestBuilder.activationOnly(NONE));
    int t4 = b.int8("t4", new int[] {1, 1, 1, 4}, 0.4f, -128);
    b.op(
        BuiltinOperators.AVERAGE_POOL_2D,
        new int[] {t3},
        new int[] {t4},
        OptionsTypes.POOL_2D,
        TfliteTestBuilder.pool(VALID, 1, 1, 8, 8, NONE));
    int shape = b.int32Constant("shape", new int[] {2}, 1, 4);
    int t5 = b.int8("t5", new int[] {1, 4}, 0.4f, -128);
    b.op(BuiltinOperators.RESHAPE, new int[] {t4, shape}, new int[] {t5});
    int fw = b.int8Weights("fc_w", new int[] {3, 4}, Q.of(0.05f, 0));
    int fb = b.bias("fc_b", 3);
    int t6 = b.int8("t6", new int[] {1, 3}, 0.1f, 0);
    b.op(
        BuiltinOperators.FULLY_CONNECTED,
        new int[] {t5, fw, fb},
        new int[] {t6},
        OptionsTypes.FULLY_CONNECTED,
        TfliteTestBuilder.fullyConnected(NONE, 0, false));
    int t7 = b.int8("t7", new int[] {1, 3}, 1f / 256, -128);
    b.op(
        BuiltinOperators.SOFTMAX,
        new int[] {t6},
        new int[] {t7},
        OptionsTypes.SOFTMAX,
        TfliteTestBuilder.softmax(1f));
    return b.inputs(in).outputs(t7).build();
  }
}
