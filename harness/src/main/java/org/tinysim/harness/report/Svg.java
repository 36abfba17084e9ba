package org.tinysim.harness.report;

import java.util.Locale;

/** A small writer of inline SVG: every element closed, every text escaped, tooltips as title. */
final class Svg {

  private final StringBuilder out = new StringBuilder();

  Svg(double width, double height, String cssClass, String label) {
    out.append("<svg class=\"")
        .append(cssClass)
        .append("\" width=\"")
        .append(num(width))
        .append("\" height=\"")
        .append(num(height))
        .append("\" viewBox=\"0 0 ")
        .append(num(width))
        .append(' ')
        .append(num(height))
        .append("\" role=\"img\" aria-label=\"")
        .append(Xml.escape(label))
        .append("\">\n");
  }

  /** A filled rectangle; {@code tooltip} may be null. */
  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    return rect(x, y, w, h, fill, null, tooltip);
  }

  Svg rect(
      double x, double y, double w, double h, String fill, String extraAttributes, String tooltip) {
    out.append("<rect x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(Math.max(0, w)))
        .append("\" height=\"")
        .append(num(Math.max(0, h)))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    if (extraAttributes != null) {
      out.append(' ').append(extraAttributes);
    }
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Xml.escape(tooltip)).append("</title></rect>\n");
    }
    return this;
  }

  /** Text; {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String text, String anchor, String cssClass) {
    out.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" class=\"")
        .append(cssClass)
        .append("\">")
        .append(Xml.escape(text))
        .append("</text>\n");
    return this;
  }

  /** Text rotated by {@code degrees} about its anchor point. */
  Svg rotatedText(double x, double y, double degrees, String text, String anchor, String cssClass) {
    out.append("<text transform=\"translate(")
        .append(num(x))
        .append(' ')
        .append(num(y))
        .append(") rotate(")
        .append(num(degrees))
        .append(")\" text-anchor=\"")
        .append(anchor)
        .append("\" class=\"")
        .append(cssClass)
        .append("\">")
        .append(Xml.escape(text))
        .append("</text>\n");
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    out.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\" class=\"")
        .append(cssClass)
        .append("\"/>\n");
    return this;
  }

  /** Raw, already well-formed markup (pattern definitions). */
  Svg raw(String markup) {
    out.append(markup);
    return this;
  }

  String end() {
    return out.append("</svg>\n").toString();
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
