package org.tinysim.harness.report;

import java.util.List;
import java.util.Locale;

/** Accuracy with its interval and rule, throughput, and the confusion matrix as a heat map. */
final class AccuracySection {

  private static final int[] HIT = {0x1f, 0x5f, 0xa8};
  private static final int[] MISS = {0xd6, 0x27, 0x28};
  private static final double CELL = 44;
  private static final double LEFT = 150;
  private static final double TOP = 96;

  private AccuracySection() {}

  static String render(AccuracySummary a) {
    StringBuilder out =
        new StringBuilder("<section id=\"accuracy\">\n<h2>Accuracy</h2>\n")
            .append("<div class=\"cards\">\n");
    Card.append(
        out,
        "accuracy",
        pct(a.accuracy()),
        Format.count(a.correct()) + " of " + Format.count(a.total()) + " correct");
    Card.append(out, "confidence interval", pct(a.ciLow()) + " – " + pct(a.ciHigh()), a.rule());
    Card.append(
        out,
        "throughput",
        String.format(Locale.ROOT, "%.1f images/s", a.imagesPerSecond()),
        "emulated board, host wall clock");
    out.append("</div>\n");
    if (!a.classNames().isEmpty()) {
      out.append(
              "<h3>Confusion matrix</h3>\n<p class=\"note\">Rows: true class; columns: "
                  + "predicted class. Shade is the share of the row; blue = correct, red = mistaken.</p>\n")
          .append(heatMap(a.confusion(), a.classNames()));
    }
    return out.append("</section>\n").toString();
  }

  private static String heatMap(int[][] m, List<String> names) {
    int n = names.size();
    Svg svg =
        new Svg(
            LEFT + n * CELL + 120,
            TOP + n * CELL + 40,
            "confusion",
            "confusion matrix, " + n + " classes");
    for (int j = 0; j < n; j++) {
      svg.rotatedText(LEFT + j * CELL + CELL / 2 + 4, TOP - 8, -50, names.get(j), "start", "axis");
    }
    for (int i = 0; i < n; i++) {
      long rowTotal = 0;
      for (int v : m[i]) {
        rowTotal += v;
      }
      double y = TOP + i * CELL;
      svg.text(LEFT - 8, y + CELL / 2 + 4, names.get(i), "end", "axis");
      for (int j = 0; j < n; j++) {
        double share = rowTotal == 0 ? 0 : (double) m[i][j] / rowTotal;
        // A square root keeps rare confusions visible next to a 90 % diagonal.
        double shade = i == j ? share : Math.sqrt(share);
        String fill = Palette.shade(i == j ? HIT : MISS, shade);
        double x = LEFT + j * CELL;
        svg.rect(
            x,
            y,
            CELL - 1,
            CELL - 1,
            fill,
            "true "
                + names.get(i)
                + ", predicted "
                + names.get(j)
                + ": "
                + m[i][j]
                + " ("
                + String.format(Locale.ROOT, "%.1f", 100 * share)
                + " % of the row)");
        if (m[i][j] > 0) {
          svg.text(
              x + CELL / 2,
              y + CELL / 2 + 4,
              Integer.toString(m[i][j]),
              "middle",
              shade > 0.55 ? "cell-dark" : "cell");
        }
      }
      svg.text(
          LEFT + n * CELL + 8,
          y + CELL / 2 + 4,
          rowTotal == 0 ? "–" : pct((double) m[i][i] / rowTotal),
          "start",
          "axis");
    }
    svg.text(LEFT + n * CELL / 2, TOP + n * CELL + 24, "predicted class", "middle", "axis-title");
    svg.text(LEFT + n * CELL + 8, TOP - 8, "recall", "start", "axis-title");
    return svg.end();
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }
}
