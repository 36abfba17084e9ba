package org.tinysim.harness.report;

/** A headline figure: small title, big value, one-line note. */
final class Card {

  private Card() {}

  static void append(StringBuilder out, String title, String value, String note) {
    out.append("<div class=\"card\"><div class=\"card-title\">")
        .append(Xml.escape(title))
        .append("</div><div class=\"card-value\">")
        .append(Xml.escape(value))
        .append("</div><div class=\"card-note\">")
        .append(Xml.escape(note))
        .append("</div></div>\n");
  }
}
