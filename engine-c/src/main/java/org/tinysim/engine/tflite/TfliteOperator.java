package org.tinysim.engine.tflite;

/**
 * An operator as stored: tensor indices (-1 marks an omitted optional input) and the parsed
 * builtin_options union.
 */
public record TfliteOperator(
    long opcodeIndex, int[] inputs, int[] outputs, BuiltinOptions options) {}
