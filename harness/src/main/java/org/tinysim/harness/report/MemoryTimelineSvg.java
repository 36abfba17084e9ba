package org.tinysim.harness.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.harness.report.MemoryTimeline.LiveBuffer;
import org.tinysim.harness.report.MemoryTimeline.OpColumn;

/**
 * The TinyEngine-style memory figure: one column per op, each live buffer drawn at its real arena
 * offset in its own colour, so reuse (one slot, several colours over time) and fragmentation (holes
 * inside a column) show directly.
 */
final class MemoryTimelineSvg {

  static final String PEAK = "#d62728";
  static final String SCRATCH_FILL = "url(#scratch-hatch)";
  private static final String PLAN_USED = "#4e79a7";
  private static final String PLAN_OTHER = "#bcc6d3";
  private static final int MAX_NAME = 56;
  private static final String HOLE = "#f1f2f4";
  private static final double WIDTH = 1300;
  private static final double LEFT = 74;
  private static final double RIGHT = 12;
  private static final double TOP = 30;
  private static final double PLOT_HEIGHT = 380;
  private static final double BOTTOM = 40;

  private MemoryTimelineSvg() {}

  static String render(MemoryTimeline t) {
    StringBuilder out =
        new StringBuilder("<section id=\"memory\">\n<h2>Memory timeline</h2>\n")
            .append(
                "<p class=\"note\">Arena bytes (y) while each op (x) runs; each band is a live "
                    + "tensor at its planned offset. Grey gaps inside a column are fragmentation. "
                    + "Hover a band for its tensor.</p>\n");
    if (t.columns().isEmpty() || t.arenaBytes() == 0) {
      return out.append("<p>The model uses no arena.</p>\n</section>\n").toString();
    }
    Map<String, LiveBuffer> buffers = new LinkedHashMap<>();
    Palette palette = new Palette();
    for (OpColumn c : t.columns()) {
      for (LiveBuffer b : c.live()) {
        buffers.putIfAbsent(b.id(), b);
        if (!isScratch(b)) {
          palette.colourOf(b.id());
        }
      }
    }
    out.append(svg(t, palette));
    out.append(legend(buffers, palette));
    if (!t.arenaByPlan().isEmpty()) {
      out.append(planComparison(t));
    }
    return out.append("</section>\n").toString();
  }

  private static String svg(MemoryTimeline t, Palette palette) {
    int n = t.columns().size();
    double plotWidth = WIDTH - LEFT - RIGHT;
    double step = plotWidth / n;
    double barWidth = Math.max(1, step * (step > 6 ? 0.82 : 1.0));
    double scale = PLOT_HEIGHT / t.arenaBytes();
    Svg svg =
        new Svg(
            WIDTH,
            TOP + PLOT_HEIGHT + BOTTOM,
            "timeline",
            "arena occupancy per op, peak " + t.arenaBytes() + " bytes");
    svg.raw(
        "<defs><pattern id=\"scratch-hatch\" width=\"6\" height=\"6\" "
            + "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#c7cbd1\"/>"
            + "<rect width=\"3\" height=\"6\" fill=\"#8d939b\"/></pattern></defs>\n");
    yAxis(svg, t.arenaBytes(), scale);
    for (OpColumn c : t.columns()) {
      double x = LEFT + c.op() * step + (step - barWidth) / 2;
      long top = c.live().stream().mapToLong(LiveBuffer::end).max().orElse(0);
      svg.rect(
          x,
          TOP + PLOT_HEIGHT - top * scale,
          barWidth,
          top * scale,
          HOLE,
          "op "
              + c.op()
              + ": "
              + c.live().size()
              + " live buffers, "
              + Format.count(c.bytesInUse())
              + " B in use below a top of "
              + Format.count(top)
              + " B ("
              + Format.count(top - c.bytesInUse())
              + " B of holes)");
      // Later-born buffers on top: an in-place hand-over shows the output being written.
      List<LiveBuffer> drawOrder =
          c.live().stream().sorted(Comparator.comparingInt(LiveBuffer::firstUse)).toList();
      for (LiveBuffer b : drawOrder) {
        double y = TOP + PLOT_HEIGHT - b.end() * scale;
        double h = Math.max(0.75, b.bytes() * scale);
        String fill = isScratch(b) ? SCRATCH_FILL : palette.colourOf(b.id());
        svg.rect(
            x,
            y,
            barWidth,
            h,
            fill,
            "stroke=\"#ffffff\" stroke-width=\"0.5\"",
            "op "
                + c.op()
                + " · "
                + b.id()
                + " "
                + b.label()
                + " · offset "
                + Format.count(b.offset())
                + " · "
                + Format.count(b.bytes())
                + " B · live ops "
                + b.firstUse()
                + ".."
                + b.lastUse());
        // About 6 px per character at the 10 px label size.
        if (!isScratch(b) && h >= 13 && b.id().length() * 6 + 4 <= barWidth) {
          svg.text(x + barWidth / 2, y + h / 2 + 4, b.id(), "middle", "band-label");
        }
      }
      if (c.op() == t.peakOp()) {
        svg.rect(
            x - 1.5,
            TOP - 1.5,
            barWidth + 3,
            PLOT_HEIGHT + 3,
            "none",
            "stroke=\"" + PEAK + "\" stroke-width=\"2\"",
            null);
      }
    }
    svg.line(LEFT, TOP, LEFT + plotWidth, TOP, "peak-line");
    String peakText =
        "peak "
            + Format.count(t.arenaBytes())
            + " B"
            + (t.peakOp() >= 0 ? " at op " + t.peakOp() : "");
    svg.text(LEFT + plotWidth, TOP - 8, peakText, "end", "peak-label");
    xAxis(svg, n, step);
    return svg.end();
  }

  private static void yAxis(Svg svg, long arena, double scale) {
    boolean kilo = arena >= 4096;
    double unit = kilo ? 1024 : 1;
    long tick = niceStep(arena / unit / 5) * (long) unit;
    svg.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "axis-line");
    for (long v = 0; v <= arena; v += tick) {
      double y = TOP + PLOT_HEIGHT - v * scale;
      svg.line(LEFT - 4, y, LEFT + (WIDTH - LEFT - RIGHT), y, v == 0 ? "axis-line" : "grid");
      svg.text(LEFT - 7, y + 4, kilo ? (v / 1024) + " KB" : v + " B", "end", "axis");
    }
    svg.rotatedText(16, TOP + PLOT_HEIGHT / 2, -90, "arena offset", "middle", "axis-title");
  }

  private static void xAxis(Svg svg, int n, double step) {
    int every = Math.max(1, (int) Math.ceil(n / 40.0));
    for (int op = 0; op < n; op += every) {
      svg.text(
          LEFT + op * step + step / 2,
          TOP + PLOT_HEIGHT + 16,
          Integer.toString(op),
          "middle",
          "axis");
    }
    svg.text(
        LEFT + (WIDTH - LEFT - RIGHT) / 2,
        TOP + PLOT_HEIGHT + 34,
        "op index",
        "middle",
        "axis-title");
  }

  /** 1, 2 or 5 times a power of ten, at least {@code rough} (and at least 1). */
  static long niceStep(double rough) {
    long power = 1;
    while (power * 10 <= rough) {
      power *= 10;
    }
    for (long m : new long[] {1, 2, 5, 10}) {
      if (m * power >= rough) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String legend(Map<String, LiveBuffer> buffers, Palette palette) {
    StringBuilder out = new StringBuilder("<div class=\"legend buffers\">");
    boolean anyScratch = false;
    for (LiveBuffer b : buffers.values()) {
      if (isScratch(b)) {
        anyScratch = true;
        continue;
      }
      out.append("<span class=\"key\" title=\"")
          .append(Xml.escape(b.label()))
          .append(", offset ")
          .append(Format.count(b.offset()))
          .append(", live ops ")
          .append(b.firstUse())
          .append("..")
          .append(b.lastUse())
          .append("\"><span class=\"swatch\" style=\"background:")
          .append(palette.colourOf(b.id()))
          .append("\"></span><b>")
          .append(Xml.escape(b.id()))
          .append("</b> ")
          .append(Xml.escape(shortLabel(b.label())))
          .append(" · ")
          .append(Format.count(b.bytes()))
          .append(" B</span>");
    }
    if (anyScratch) {
      out.append(
          "<span class=\"key\"><span class=\"swatch hatch\"></span>kernel scratch "
              + "(im2col and temporaries)</span>");
    }
    return out.append("</div>\n").toString();
  }

  /** The arena each planner would need for this graph: what the planning saves. */
  private static String planComparison(MemoryTimeline t) {
    long max = t.arenaByPlan().values().stream().mapToLong(Long::longValue).max().orElse(1);
    double labelWidth = 230;
    double plot = 700;
    double row = 20;
    Svg svg =
        new Svg(
            labelWidth + plot + 260,
            t.arenaByPlan().size() * row + 4,
            "plans",
            "arena bytes per planner");
    int i = 0;
    for (Map.Entry<String, Long> e : t.arenaByPlan().entrySet()) {
      double y = 2 + i++ * row;
      double w = max == 0 ? 0 : plot * e.getValue() / max;
      svg.text(labelWidth - 8, y + 14, e.getKey(), "end", "bar-label");
      svg.rect(
          labelWidth,
          y + 3,
          Math.max(1, w),
          row - 6,
          e.getValue() == t.arenaBytes() ? PLAN_USED : PLAN_OTHER,
          e.getKey() + ": " + Format.count(e.getValue()) + " B");
      svg.text(
          labelWidth + w + 6,
          y + 14,
          Format.count(e.getValue()) + " B (" + Format.percent(e.getValue(), max) + ")",
          "start",
          "bar-value");
    }
    return "<h3>Arena by planner</h3>\n" + svg.end();
  }

  /**
   * Converters join fused ops' names with ';' into names of several hundred characters: keep the
   * first name's tail (the layer) and the shape; the whole label stays in the tooltip.
   */
  static String shortLabel(String label) {
    int space = label.lastIndexOf(' ');
    String name = space < 0 ? label : label.substring(0, space);
    String shape = space < 0 ? "" : label.substring(space);
    int semicolon = name.indexOf(';');
    String first = semicolon < 0 ? name : name.substring(0, semicolon);
    String shortened =
        first.length() > MAX_NAME ? "…" + first.substring(first.length() - MAX_NAME + 1) : first;
    return (semicolon < 0 ? shortened : shortened + ";…") + shape;
  }

  private static boolean isScratch(LiveBuffer b) {
    return b.scratch();
  }
}
