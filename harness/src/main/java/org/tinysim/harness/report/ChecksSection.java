package org.tinysim.harness.report;

import java.util.List;

/** Golden checks as a table, failures first so a red run shows its cause at the top. */
final class ChecksSection {

  private ChecksSection() {}

  static String render(List<CheckRow> checks) {
    long failed = checks.stream().filter(c -> !c.passed()).count();
    StringBuilder out =
        new StringBuilder("<section id=\"checks\">\n<h2>Checks</h2>\n<p class=\"")
            .append(failed == 0 ? "verdict pass" : "verdict fail")
            .append("\">")
            .append(
                failed == 0
                    ? "all " + checks.size() + " checks passed"
                    : failed + " of " + checks.size() + " checks failed")
            .append("</p>\n")
            .append("<table class=\"checks\">\n<thead><tr><th>check</th>")
            .append("<th class=\"num\">baseline</th>")
            .append("<th class=\"num\">measured</th><th class=\"num\">delta</th><th>rule</th>")
            .append("<th>verdict</th></tr></thead>\n<tbody>\n");
    List<CheckRow> ordered =
        checks.stream().sorted((a, b) -> Boolean.compare(a.passed(), b.passed())).toList();
    for (CheckRow c : ordered) {
      out.append("<tr class=\"")
          .append(c.passed() ? "pass" : "fail")
          .append("\"><td>")
          .append(Xml.escape(c.what()))
          .append("</td><td class=\"num\">")
          .append(Xml.escape(c.baseline()))
          .append("</td><td class=\"num\">")
          .append(Xml.escape(c.measured()))
          .append("</td><td class=\"num\">")
          .append(Xml.escape(c.delta()))
          .append("</td><td>")
          .append(Xml.escape(c.rule()))
          .append("</td><td>")
          .append(c.passed() ? "pass" : "FAIL")
          .append("</td></tr>\n");
    }
    return out.append("</tbody>\n</table>\n</section>\n").toString();
  }
}
