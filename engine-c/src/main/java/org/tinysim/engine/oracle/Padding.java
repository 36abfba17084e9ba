package org.tinysim.engine.oracle;

/**
 * TFLite's SAME/VALID output-size and padding rules ({@code ComputePaddingHeightWidth}).
 * Kernels take explicit pads; this helper exists so callers and tests derive them the same way
 * TFLite does. Any odd extra padding goes to the bottom/right, which kernels see implicitly
 * because they only bound-check against the input.
 */
public final class Padding {

    public enum Kind { SAME, VALID }

    /** Output size and leading pad for one spatial dimension. */
    public record Dim(int outputSize, int pad) {
    }

    private Padding() {
    }

    public static Dim compute(Kind kind, int inputSize, int filterSize, int stride, int dilation) {
        int effectiveFilter = (filterSize - 1) * dilation + 1;
        int out = switch (kind) {
            case SAME -> (inputSize + stride - 1) / stride;
            case VALID -> (inputSize - effectiveFilter + stride) / stride;
        };
        if (out <= 0) {
            throw new IllegalArgumentException("empty output for input " + inputSize + ", filter " + effectiveFilter);
        }
        int totalPad = (out - 1) * stride + effectiveFilter - inputSize;
        return new Dim(out, Math.max(0, totalPad / 2));
    }
}
