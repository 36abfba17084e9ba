package org.tinysim.engine.oracle;

/**
 * Quantised clamp bounds of a fused activation, as TFLite's
 * {@code CalculateActivationRangeQuantized} derives them for an int8 output.
 */
public record ActivationRange(int min, int max) {

    public enum Fused { NONE, RELU, RELU_N1_TO_1, RELU6 }

    public static final ActivationRange INT8_FULL = new ActivationRange(-128, 127);

    public ActivationRange {
        if (min > max || min < -128 || max > 127) {
            throw new IllegalArgumentException("bad int8 activation range [" + min + ", " + max + "]");
        }
    }

    public static ActivationRange of(Fused activation, float outputScale, int outputZeroPoint) {
        return switch (activation) {
            case NONE -> INT8_FULL;
            case RELU -> new ActivationRange(Math.max(-128, quantize(0f, outputScale, outputZeroPoint)), 127);
            case RELU6 -> new ActivationRange(
                    Math.max(-128, quantize(0f, outputScale, outputZeroPoint)),
                    Math.min(127, quantize(6f, outputScale, outputZeroPoint)));
            case RELU_N1_TO_1 -> new ActivationRange(
                    Math.max(-128, quantize(-1f, outputScale, outputZeroPoint)),
                    Math.min(127, quantize(1f, outputScale, outputZeroPoint)));
        };
    }

    private static int quantize(float value, float scale, int zeroPoint) {
        // float division then round-half-away, as TFLite's Quantize() helper does
        return zeroPoint + (int) QuantizedMultiplier.roundHalfAwayFromZero(value / scale);
    }
}
