package org.tinysim.engine.tflite;

/**
 * An entry of the model's operator_codes table. {@code builtinCode} is already the max of the
 * deprecated int8 field and the int32 field, as TFLite resolves it.
 */
public record OperatorCode(int builtinCode, String customCode, int version) {

  /** Schema name, e.g. CONV_2D, or the custom code for CUSTOM operators. */
  public String name() {
    if (builtinCode == BuiltinOperators.CUSTOM && customCode != null) {
      return "CUSTOM(" + customCode + ")";
    }
    return BuiltinOperators.name(builtinCode);
  }
}
