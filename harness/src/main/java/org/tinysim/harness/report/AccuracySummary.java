package org.tinysim.harness.report;

import java.util.List;

/**
 * Accuracy of a model over a labelled data set run on the board.
 *
 * @param ciLow lower bound of the accuracy's confidence interval, as a fraction
 * @param ciHigh upper bound, as a fraction
 * @param rule how the bound was found, e.g. "full test set (10,000 images)" or "Clopper-Pearson 95
 *     % on a sample of 1,000"
 * @param imagesPerSecond host wall-clock throughput of the run
 * @param confusion [true class][predicted class] counts
 */
public record AccuracySummary(
    long correct,
    long total,
    double ciLow,
    double ciHigh,
    String rule,
    double imagesPerSecond,
    int[][] confusion,
    List<String> classNames) {

  public AccuracySummary {
    classNames = List.copyOf(classNames);
    if (total <= 0 || correct < 0 || correct > total) {
      throw new IllegalArgumentException(
          "accuracy needs 0 <= correct <= total and total > 0, got " + correct + " of " + total);
    }
    if (!(0 <= ciLow && ciLow <= ciHigh && ciHigh <= 1)) {
      throw new IllegalArgumentException(
          "confidence interval [" + ciLow + ", " + ciHigh + "] is not inside [0, 1]");
    }
    int n = classNames.size();
    if (confusion.length != n) {
      throw new IllegalArgumentException(
          "confusion matrix has " + confusion.length + " rows but there are " + n + " class names");
    }
    long sum = 0;
    long diagonal = 0;
    int[][] copy = new int[n][];
    for (int i = 0; i < n; i++) {
      if (confusion[i].length != n) {
        throw new IllegalArgumentException(
            "confusion matrix row "
                + i
                + " has "
                + confusion[i].length
                + " columns, expected "
                + n);
      }
      copy[i] = confusion[i].clone();
      for (int j = 0; j < n; j++) {
        sum += copy[i][j];
      }
      diagonal += copy[i][i];
    }
    if (n > 0 && (sum != total || diagonal != correct)) {
      throw new IllegalArgumentException(
          "confusion matrix holds "
              + sum
              + " images with "
              + diagonal
              + " on the diagonal, but the summary says "
              + correct
              + " of "
              + total);
    }
    confusion = copy;
  }

  public double accuracy() {
    return (double) correct / total;
  }

  @Override
  public int[][] confusion() {
    int[][] copy = new int[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }
}
