package org.tinysim.engine.oracle;

/**
 * int8-to-int8 QUANTIZE parameters ({@link RequantizeInt8}); the multiplier encodes {@code
 * inputScale / outputScale}.
 */
public record RequantizeParams(
    int inputZeroPoint, int outputZeroPoint, int multiplier, int shift) {}
