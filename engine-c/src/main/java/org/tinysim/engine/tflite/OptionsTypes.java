package org.tinysim.engine.tflite;

/** BuiltinOptions union type codes (schema.fbs) for the members this reader decodes. */
public final class OptionsTypes {
  public static final int NONE = 0;
  public static final int CONV_2D = 1;
  public static final int DEPTHWISE_CONV_2D = 2;
  public static final int POOL_2D = 5;
  public static final int FULLY_CONNECTED = 8;
  public static final int SOFTMAX = 9;
  public static final int CONCATENATION = 10;
  public static final int ADD = 11;
  public static final int RESHAPE = 17;
  public static final int MUL = 21;
  public static final int PAD = 22;
  public static final int TRANSPOSE = 26;
  public static final int REDUCER = 27;
  public static final int LOG_SOFTMAX = 36;
  public static final int DEQUANTIZE = 38;
  public static final int QUANTIZE = 89;

  private OptionsTypes() {}
}
