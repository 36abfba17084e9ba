package org.tinysim.harness.report;

import java.util.List;
import java.util.Locale;
import org.tinysim.harness.golden.Measurement;
import org.tinysim.harness.golden.Verdict;

/** Surefire-style JUnit XML (testsuite / testcase / failure / skipped) for any CI. */
public final class JunitXml {

  private JunitXml() {}

  public static String write(String suiteName, List<Verdict> verdicts, double seconds) {
    long failures =
        verdicts.stream()
            .filter(
                v -> v.status() == Verdict.Status.FAIL || v.status() == Verdict.Status.NO_BASELINE)
            .count();
    long errors = verdicts.stream().filter(v -> v.status() == Verdict.Status.ERROR).count();
    long skipped = verdicts.stream().filter(v -> v.status() == Verdict.Status.SKIPPED).count();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" "
                + "errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
            Xml.escape(suiteName),
            verdicts.size(),
            failures,
            errors,
            skipped,
            seconds));
    for (Verdict v : verdicts) {
      double time = v.measurement().map(Measurement::seconds).orElse(0.0);
      x.append(
          String.format(
              Locale.ROOT,
              "  <testcase classname=\"golden.%s\" name=\"%s[%s]\" " + "time=\"%.3f\"",
              Xml.escape(v.goldenCase().suite()),
              Xml.escape(v.goldenCase().name()),
              v.path().name(),
              time));
      switch (v.status()) {
        case PASS -> x.append("/>\n");
        case SKIPPED ->
            x.append(">\n    <skipped message=\"")
                .append(Xml.escape(v.message()))
                .append("\"/>\n  </testcase>\n");
        case ERROR ->
            x.append(">\n    <error message=\"")
                .append(Xml.escape(v.message()))
                .append("\">")
                .append(Xml.escape(DeltaTable.render(v)))
                .append("</error>\n")
                .append("  </testcase>\n");
        case FAIL, NO_BASELINE ->
            x.append(">\n    <failure message=\"")
                .append(Xml.escape(v.message()))
                .append("\">")
                .append(Xml.escape(DeltaTable.render(v)))
                .append("</failure>\n  </testcase>\n");
      }
    }
    return x.append("</testsuite>\n").toString();
  }
}
