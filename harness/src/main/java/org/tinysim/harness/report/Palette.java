package org.tinysim.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distinct fill colours handed out in order of first request, so the same tensor or op type keeps
 * its colour across every column and chart of a report.
 */
final class Palette {

  /** Hand-picked first colours (readable with dark text), then golden-angle hues. */
  private static final String[] BASE = {
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#8cd17d", "#a0cbe8", "#ffbe7d", "#86bcb6", "#f1ce63", "#d4a6c8", "#bab0ac"
  };

  private final Map<String, String> assigned = new LinkedHashMap<>();

  String colourOf(String key) {
    return assigned.computeIfAbsent(key, k -> colour(assigned.size()));
  }

  static String colour(int index) {
    if (index < BASE.length) {
      return BASE[index];
    }
    double hue = (index * 137.508) % 360;
    double lightness = index % 2 == 0 ? 0.62 : 0.50;
    return hsl(hue, 0.55, lightness);
  }

  /** A colour between white (fraction 0) and {@code rgb} (fraction 1). */
  static String shade(int[] rgb, double fraction) {
    double f = Math.max(0, Math.min(1, fraction));
    return hex(
        (int) Math.round(255 + (rgb[0] - 255) * f),
        (int) Math.round(255 + (rgb[1] - 255) * f),
        (int) Math.round(255 + (rgb[2] - 255) * f));
  }

  private static String hsl(double h, double s, double l) {
    double c = (1 - Math.abs(2 * l - 1)) * s;
    double x = c * (1 - Math.abs((h / 60) % 2 - 1));
    double m = l - c / 2;
    double[] rgb =
        switch ((int) (h / 60)) {
          case 0 -> new double[] {c, x, 0};
          case 1 -> new double[] {x, c, 0};
          case 2 -> new double[] {0, c, x};
          case 3 -> new double[] {0, x, c};
          case 4 -> new double[] {x, 0, c};
          default -> new double[] {c, 0, x};
        };
    return hex(
        (int) Math.round((rgb[0] + m) * 255),
        (int) Math.round((rgb[1] + m) * 255),
        (int) Math.round((rgb[2] + m) * 255));
  }

  private static String hex(int r, int g, int b) {
    return String.format("#%02x%02x%02x", r, g, b);
  }
}
