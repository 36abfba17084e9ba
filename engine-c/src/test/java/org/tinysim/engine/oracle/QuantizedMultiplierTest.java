package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantizedMultiplierTest {

    @Test
    void powersOfTwoAndSimpleFractions() {
        assertThat(QuantizedMultiplier.of(0.5)).isEqualTo(new QuantizedMultiplier(1 << 30, 0));
        assertThat(QuantizedMultiplier.of(1.0)).isEqualTo(new QuantizedMultiplier(1 << 30, 1));
        assertThat(QuantizedMultiplier.of(0.25)).isEqualTo(new QuantizedMultiplier(1 << 30, -1));
        assertThat(QuantizedMultiplier.of(0.75)).isEqualTo(new QuantizedMultiplier(3 << 29, 0));
        assertThat(QuantizedMultiplier.of(3.0)).isEqualTo(new QuantizedMultiplier(3 << 29, 2));
        assertThat(QuantizedMultiplier.of(0.0)).isEqualTo(new QuantizedMultiplier(0, 0));
    }

    @Test
    void roundingUpToTwoPow31Renormalises() {
        // fraction 1 - 2^-40 rounds to 2^31, which is halved with the shift bumped
        assertThat(QuantizedMultiplier.of(1 - Math.pow(2, -40))).isEqualTo(new QuantizedMultiplier(1 << 30, 1));
    }

    @Test
    void tinyMultipliersFlushToZero() {
        assertThat(QuantizedMultiplier.of(Math.pow(2, -40))).isEqualTo(new QuantizedMultiplier(0, 0));
        assertThat(QuantizedMultiplier.of(Math.pow(2, -31))).isEqualTo(new QuantizedMultiplier(1 << 30, -30));
    }

    @Test
    void encodingIsWithinHalfAnUlpOfTheReal() {
        Random rnd = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            double real = Math.exp(QuantTestSupport.uniform(rnd, -20, 10));
            QuantizedMultiplier q = QuantizedMultiplier.of(real);
            assertThat(q.multiplier()).isBetween(1 << 30, Integer.MAX_VALUE);
            double ulp = Math.pow(2, q.shift() - 31);
            assertThat(Math.abs(q.toDouble() - real)).isLessThanOrEqualTo(ulp / 2);
        }
    }

    @Test
    void rangeCheckedVariants() {
        assertThat(QuantizedMultiplier.smallerThanOne(0.3).shift()).isLessThanOrEqualTo(0);
        assertThat(QuantizedMultiplier.greaterThanOne(5.0)).isEqualTo(new QuantizedMultiplier(5 << 28, 3));
        assertThatThrownBy(() -> QuantizedMultiplier.smallerThanOne(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantizedMultiplier.greaterThanOne(0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
