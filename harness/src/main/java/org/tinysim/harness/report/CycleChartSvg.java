package org.tinysim.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where the cycles go: horizontal bars per op type, then per layer, coloured by op type. */
final class CycleChartSvg {

  private static final double WIDTH = 1300;
  private static final double LABEL = 230;
  private static final double VALUE = 190;
  private static final double ROW = 17;

  private CycleChartSvg() {}

  record Bar(String label, String type, long cycles, String tooltip) {}

  static String render(List<LayerRow> layers) {
    long total = layers.stream().mapToLong(LayerRow::cycles).sum();
    Palette palette = new Palette();
    Map<String, long[]> byType = new LinkedHashMap<>();
    for (LayerRow row : layers) {
      palette.colourOf(row.op());
      long[] sums = byType.computeIfAbsent(row.op(), k -> new long[3]);
      sums[0] += row.cycles();
      sums[1] += row.macs();
      sums[2]++;
    }
    List<Bar> types = new ArrayList<>();
    byType.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .forEach(
            e ->
                types.add(
                    new Bar(
                        e.getKey() + " ×" + e.getValue()[2],
                        e.getKey(),
                        e.getValue()[0],
                        e.getKey()
                            + ": "
                            + e.getValue()[2]
                            + " layers, "
                            + Format.count(e.getValue()[0])
                            + " cycles, "
                            + Format.count(e.getValue()[1])
                            + " MACs")));
    List<Bar> perLayer = new ArrayList<>();
    for (LayerRow row : layers) {
      perLayer.add(
          new Bar(
              row.index() + "  " + row.op(),
              row.op(),
              row.cycles(),
              "layer "
                  + row.index()
                  + " "
                  + row.op()
                  + " → "
                  + row.outputShape()
                  + ": "
                  + Format.count(row.cycles())
                  + " cycles, "
                  + Format.count(row.macs())
                  + " MACs"
                  + (row.macs() > 0 && row.cycles() > 0
                      ? String.format(Locale.ROOT, ", %.3f MAC/cycle", row.macsPerCycle())
                      : "")));
    }
    return "<section id=\"cycles\">\n<h2>Cycle breakdown</h2>\n<h3>By op type</h3>\n"
        + chart(types, total, palette, "cycles per op type")
        + "<h3>By layer</h3>\n"
        + chart(perLayer, total, palette, "cycles per layer")
        + "</section>\n";
  }

  private static String chart(List<Bar> bars, long total, Palette palette, String label) {
    long max = bars.stream().mapToLong(Bar::cycles).max().orElse(0);
    double plot = WIDTH - LABEL - VALUE;
    Svg svg = new Svg(WIDTH, bars.size() * ROW + 6, "cycle-chart", label);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = 3 + i * ROW;
      double w = max == 0 ? 0 : plot * b.cycles() / max;
      svg.text(LABEL - 8, y + ROW - 5, b.label(), "end", "bar-label");
      svg.rect(
          LABEL,
          y + 2,
          Math.max(w, b.cycles() > 0 ? 1 : 0),
          ROW - 4,
          palette.colourOf(b.type()),
          b.tooltip());
      svg.text(
          LABEL + w + 6,
          y + ROW - 5,
          Format.count(b.cycles()) + "  (" + Format.percent(b.cycles(), total) + ")",
          "start",
          "bar-value");
    }
    return svg.end();
  }
}
