package org.tinysim.harness.golden;

import org.apache.commons.math3.stat.interval.ClopperPearsonInterval;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;

/**
 * The exact (Clopper-Pearson) interval of a success rate. commons-math builds it from F quantiles
 * whose degrees of freedom are 0 when every trial, or none, succeeded; there the interval has the
 * closed form used below (one side is the boundary itself).
 */
public final class BinomialInterval {
  private BinomialInterval() {}

  /**
   * The two-sided interval at {@code confidence} (e.g. 0.99) of {@code successes} in {@code
   * trials}.
   */
  public static ConfidenceInterval clopperPearson(int trials, int successes, double confidence) {
    if (trials < 1 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(successes + " successes in " + trials + " trials");
    }
    double tail = Math.pow((1 - confidence) / 2, 1.0 / trials);
    if (successes == trials) {
      return new ConfidenceInterval(tail, 1.0, confidence);
    }
    if (successes == 0) {
      return new ConfidenceInterval(0.0, 1 - tail, confidence);
    }
    return new ClopperPearsonInterval().createInterval(trials, successes, confidence);
  }
}
