package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.junit.jupiter.api.Test;

class BinomialIntervalTest {

  @Test
  void allCorrectHasUpperBoundOneAndTheClosedFormLowerBound() {
    ConfidenceInterval ci = BinomialInterval.clopperPearson(2, 2, 0.99);
    assertThat(ci.getUpperBound()).isEqualTo(1.0);
    assertThat(ci.getLowerBound()).isCloseTo(Math.sqrt(0.005), within(1e-12));
  }

  @Test
  void noneCorrectHasLowerBoundZero() {
    ConfidenceInterval ci = BinomialInterval.clopperPearson(1, 0, 0.99);
    assertThat(ci.getLowerBound()).isEqualTo(0.0);
    assertThat(ci.getUpperBound()).isCloseTo(0.995, within(1e-12));
  }

  @Test
  void interiorCountsAgreeWithTheFQuantileForm() {
    ConfidenceInterval ci = BinomialInterval.clopperPearson(1000, 920, 0.99);
    assertThat(ci.getLowerBound()).isBetween(0.89, 0.92);
    assertThat(ci.getUpperBound()).isBetween(0.92, 0.95);
  }
}
