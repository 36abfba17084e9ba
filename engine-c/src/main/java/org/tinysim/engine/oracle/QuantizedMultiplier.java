package org.tinysim.engine.oracle;

/**
 * A real multiplier encoded as TFLite does: {@code real ~= multiplier * 2^shift / 2^31} with
 * multiplier in [2^30, 2^31) (or 0). Positive shift means left shift.
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /**
     * TFLite's {@code QuantizeMultiplier}: frexp, round half away from zero to 31 fractional
     * bits, renormalise the 2^31 overflow, and flush multipliers below 2^-31 to zero.
     */
    public static QuantizedMultiplier of(double realMultiplier) {
        if (realMultiplier == 0.0) {
            return new QuantizedMultiplier(0, 0);
        }
        if (!Double.isFinite(realMultiplier)) {
            throw new IllegalArgumentException("multiplier must be finite: " + realMultiplier);
        }
        int shift = frexpExponent(realMultiplier);
        double fraction = Math.scalb(realMultiplier, -shift); // in [0.5, 1), exact
        long qFixed = (long) roundHalfAwayFromZero(fraction * (1L << 31));
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31) {
            shift = 0;
            qFixed = 0;
        }
        return new QuantizedMultiplier((int) qFixed, shift);
    }

    /** {@code QuantizeMultiplierSmallerThanOneExp}: requires 0 &lt; m &lt; 1, shift is &lt;= 0. */
    public static QuantizedMultiplier smallerThanOne(double realMultiplier) {
        if (!(realMultiplier > 0.0 && realMultiplier < 1.0)) {
            throw new IllegalArgumentException("expected 0 < m < 1, got " + realMultiplier);
        }
        QuantizedMultiplier q = of(realMultiplier);
        if (q.shift > 0) {
            throw new IllegalStateException("shift > 0 for m < 1: " + q);
        }
        return q;
    }

    /** {@code QuantizeMultiplierGreaterThanOne}: requires m &gt; 1, shift is &gt;= 0. */
    public static QuantizedMultiplier greaterThanOne(double realMultiplier) {
        if (!(realMultiplier > 1.0)) {
            throw new IllegalArgumentException("expected m > 1, got " + realMultiplier);
        }
        QuantizedMultiplier q = of(realMultiplier);
        if (q.shift < 0) {
            throw new IllegalStateException("shift < 0 for m > 1: " + q);
        }
        return q;
    }

    /** Per-channel convenience: one multiplier per element of {@code realMultipliers}. */
    public static QuantizedMultiplier[] ofEach(double[] realMultipliers) {
        QuantizedMultiplier[] out = new QuantizedMultiplier[realMultipliers.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(realMultipliers[i]);
        }
        return out;
    }

    /** The real value this encoding represents (for diagnostics and tests). */
    public double toDouble() {
        return Math.scalb((double) multiplier, shift - 31);
    }

    /** Exponent e of C's frexp: m = f * 2^e with |f| in [0.5, 1). */
    private static int frexpExponent(double m) {
        int e = Math.getExponent(m);
        if (e == Double.MIN_EXPONENT - 1) { // subnormal: normalise first
            return Math.getExponent(m * 0x1p54) - 54 + 1;
        }
        return e + 1;
    }

    /** C's {@code std::round}: half away from zero. */
    static double roundHalfAwayFromZero(double v) {
        double a = Math.abs(v);
        double f = Math.floor(a);
        if (a - f >= 0.5) { // exact: a - floor(a) never rounds
            f += 1.0;
        }
        return Math.copySign(f, v);
    }
}
