package org.tinysim.harness.report;

import java.util.List;
import java.util.Locale;
import org.tinysim.harness.golden.Measurement;
import org.tinysim.harness.golden.Verdict;

/** Surefire-style JUnit XML (testsuite / testcase / failure / skipped) for any CI. */
public final class JunitXml {

  private JunitXml() {}

  public static String write(String suiteName, List<Verdict> verdicts, double seconds) {
    long failures = verdicts.stream().filter(v -> v.status() == Verdict.Status.FAIL
        || v.status() == Verdict.Status.NO_BASELINE).count();
    long errors = verdicts.stream().filter(v -> v.status() == Verdict.Status.ERROR).count();
    long skipped = verdicts.stream().filter(v -> v.status() == Verdict.Status.SKIPPED).count();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" "
            + "errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n", escape(suiteName),
        verdicts.size(), failures, errors, skipped, seconds));
    for (Verdict v : verdicts) {
      double time = v.measurement().map(Measurement::seconds).orElse(0.0);
      x.append(String.format(Locale.ROOT, "  <testcase classname=\"golden.%s\" name=\"%s[%s]\" "
              + "time=\"%.3f\"", escape(v.goldenCase().suite()), escape(v.goldenCase().name()),
          v.path().name(), time));
      switch (v.status()) {
        case PASS -> x.append("/>\n");
        case SKIPPED -> x.append(">\n    <skipped message=\"").append(escape(v.message()))
            .append("\"/>\n  </testcase>\n");
        case ERROR -> x.append(">\n    <error message=\"").append(escape(v.message()))
            .append("\">").append(escape(DeltaTable.render(v))).append("</error>\n")
            .append("  </testcase>\n");
        case FAIL, NO_BASELINE -> x.append(">\n    <failure message=\"")
            .append(escape(v.message())).append("\">").append(escape(DeltaTable.render(v)))
            .append("</failure>\n  </testcase>\n");
      }
    }
    return x.append("</testsuite>\n").toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // XML 1.0 forbids most control characters even escaped.
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
