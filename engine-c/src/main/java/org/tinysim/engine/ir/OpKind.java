package org.tinysim.engine.ir;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tinysim.engine.tflite.BuiltinOperators;

/**
 * Every operator kind the engine imports: its TFLite builtin code, its IR record and how many
 * inputs it takes. The converter, preparer, interpreter and C emitters are each keyed by it, and
 * {@code OpKindCompletenessTest} fails when a kind is missing from one of them.
 */
public enum OpKind {
  CONV_2D(BuiltinOperators.CONV_2D, Op.Conv2D.class, 2, 3),
  DEPTHWISE_CONV_2D(BuiltinOperators.DEPTHWISE_CONV_2D, Op.DepthwiseConv2D.class, 2, 3),
  FULLY_CONNECTED(BuiltinOperators.FULLY_CONNECTED, Op.FullyConnected.class, 2, 3),
  ADD(BuiltinOperators.ADD, Op.Add.class, 2, 2),
  MUL(BuiltinOperators.MUL, Op.Mul.class, 2, 2),
  AVERAGE_POOL_2D(BuiltinOperators.AVERAGE_POOL_2D, Op.AveragePool2D.class, 1, 1),
  MAX_POOL_2D(BuiltinOperators.MAX_POOL_2D, Op.MaxPool2D.class, 1, 1),
  MEAN(BuiltinOperators.MEAN, Op.Mean.class, 2, 2),
  PAD(BuiltinOperators.PAD, Op.Pad.class, 2, 3),
  RESHAPE(BuiltinOperators.RESHAPE, Op.Reshape.class, 1, 2),
  TRANSPOSE(BuiltinOperators.TRANSPOSE, Op.Transpose.class, 2, 2),
  SOFTMAX(BuiltinOperators.SOFTMAX, Op.Softmax.class, 1, 1),
  LOG_SOFTMAX(BuiltinOperators.LOG_SOFTMAX, Op.LogSoftmax.class, 1, 1),
  QUANTIZE(BuiltinOperators.QUANTIZE, Op.Quantize.class, 1, 1),
  DEQUANTIZE(BuiltinOperators.DEQUANTIZE, Op.Dequantize.class, 1, 1),
  /** Variadic: the converter checks its inputs one by one. */
  CONCATENATION(BuiltinOperators.CONCATENATION, Op.Concatenation.class, 0, Integer.MAX_VALUE);

  private final int builtinCode;
  private final Class<? extends Op> recordClass;
  private final int minInputs;
  private final int maxInputs;

  OpKind(int builtinCode, Class<? extends Op> recordClass, int minInputs, int maxInputs) {
    this.builtinCode = builtinCode;
    this.recordClass = recordClass;
    this.minInputs = minInputs;
    this.maxInputs = maxInputs;
  }

  public int builtinCode() {
    return builtinCode;
  }

  /** The IR record that carries an operator of this kind. */
  public Class<? extends Op> recordClass() {
    return recordClass;
  }

  /** Fewest inputs TFLite may give (omitted optional inputs count as given). */
  public int minInputs() {
    return minInputs;
  }

  /** Most inputs; more would be silently ignored, so the converter rejects them. */
  public int maxInputs() {
    return maxInputs;
  }

  /** The kind of a TFLite builtin code, empty when tinysim does not import it. */
  public static Optional<OpKind> ofBuiltin(int builtinCode) {
    return Arrays.stream(values()).filter(k -> k.builtinCode == builtinCode).findFirst();
  }

  /** The kind carried by an IR record class. */
  public static OpKind of(Class<? extends Op> recordClass) {
    for (OpKind k : values()) {
      if (k.recordClass == recordClass) {
        return k;
      }
    }
    throw new IllegalArgumentException(recordClass.getName() + " is not an operator kind");
  }

  /** "CONV_2D, DEPTHWISE_CONV_2D, ...", for messages. */
  public static String names() {
    return Arrays.stream(values()).map(OpKind::name).collect(Collectors.joining(", "));
  }
}
