package org.tinysim.harness.report;

import java.util.List;
import java.util.Locale;

/** Model name, speed figures, and SRAM / flash as stacked bars against the board's limits. */
final class HeaderSection {

  static final String ARENA = "#4e79a7";
  static final String OTHER_STATIC = "#76b7b2";
  static final String STACK = "#f28e2b";
  static final String WEIGHTS = "#b07aa1";
  static final String CODE = "#d4a6c8";
  private static final String FREE = "#eef0f3";
  private static final double BAR_WIDTH = 860;
  private static final double BAR_HEIGHT = 26;

  private HeaderSection() {}

  record Part(String name, long bytes, String colour) {}

  static String render(ModelSummary m) {
    StringBuilder out = new StringBuilder();
    out.append("<header>\n<h1>")
        .append(Xml.escape(m.name()))
        .append("</h1>\n")
        .append("<p class=\"sub\">STM32F746 (emulated) · ")
        .append(Xml.escape(m.kernelPath()))
        .append(" kernels · ")
        .append(Xml.escape(m.planner()))
        .append(" arena planner</p>\n");
    out.append("<div class=\"cards\">\n");
    Card.append(out, "cycles", Format.count(m.cycles()), "per inference");
    Card.append(
        out, "time", String.format(Locale.ROOT, "%.2f ms", m.milliseconds216()), "at 216 MHz");
    Card.append(out, "MACs", Format.count(m.macs()), "multiply-accumulates");
    Card.append(
        out, "MAC/cycle", String.format(Locale.ROOT, "%.3f", m.macsPerCycle()), "throughput");
    Card.append(
        out,
        "peak SRAM",
        Format.count(m.peakSramBytes()) + " B",
        Format.percent(m.peakSramBytes(), ModelSummary.SRAM_LIMIT) + " of 320 KB");
    Card.append(
        out,
        "flash",
        Format.count(m.flashBytes()) + " B",
        Format.percent(m.flashBytes(), RunReport.FLASH_LIMIT) + " of 1 MB");
    out.append("</div>\n");
    out.append(
        bar(
            "SRAM",
            m.peakSramBytes(),
            ModelSummary.SRAM_LIMIT,
            "320 KB",
            List.of(
                new Part("tensor arena", m.arenaBytes(), ARENA),
                new Part("other static", m.otherStaticBytes(), OTHER_STATIC),
                new Part("stack + heap", m.stackAndHeapBytes(), STACK))));
    out.append(
        bar(
            "flash",
            m.flashBytes(),
            RunReport.FLASH_LIMIT,
            "1 MB",
            List.of(
                new Part("weights", m.weightBytes(), WEIGHTS),
                new Part("code + constants", m.codeAndOtherFlashBytes(), CODE))));
    return out.append("</header>\n").toString();
  }

  /** One stacked bar scaled to the limit, with its legend; an overrun is drawn past the end. */
  private static String bar(
      String what, long used, long limit, String limitText, List<Part> parts) {
    double scale = BAR_WIDTH / Math.max(limit, used);
    Svg svg =
        new Svg(BAR_WIDTH + 250, BAR_HEIGHT + 22, "limit-bar", what + " use against " + limitText);
    svg.rect(
        0,
        2,
        limit * scale,
        BAR_HEIGHT,
        FREE,
        what + " free: " + Format.count(Math.max(0, limit - used)) + " B");
    double x = 0;
    for (Part p : parts) {
      double w = p.bytes() * scale;
      svg.rect(
          x,
          2,
          w,
          BAR_HEIGHT,
          p.colour(),
          p.name()
              + ": "
              + Format.count(p.bytes())
              + " B ("
              + Format.percent(p.bytes(), limit)
              + " of "
              + limitText
              + ")");
      x += w;
    }
    svg.line(limit * scale, 0, limit * scale, BAR_HEIGHT + 4, "limit-line");
    svg.text(limit * scale, BAR_HEIGHT + 18, limitText + " limit", "end", "axis");
    svg.text(
        BAR_WIDTH + 12,
        20,
        Format.count(used) + " B (" + Format.percent(used, limit) + ")",
        "start",
        "bar-value");
    StringBuilder out =
        new StringBuilder("<div class=\"limit\">\n<div class=\"limit-name\">")
            .append(Xml.escape(what))
            .append("</div>\n")
            .append(svg.end())
            .append("<div class=\"legend\">");
    for (Part p : parts) {
      out.append("<span class=\"key\"><span class=\"swatch\" style=\"background:")
          .append(p.colour())
          .append("\"></span>")
          .append(Xml.escape(p.name()))
          .append(' ')
          .append(Format.count(p.bytes()))
          .append(" B</span>");
    }
    return out.append("</div>\n</div>\n").toString();
  }
}
