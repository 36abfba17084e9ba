package org.tinysim.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.tinysim.harness.golden.BinomialInterval;
import org.tinysim.harness.golden.Delta;
import org.tinysim.harness.golden.Figures;
import org.tinysim.harness.golden.LayerChange;
import org.tinysim.harness.golden.Measurement;
import org.tinysim.harness.golden.Verdict;

/** The HTML report of a golden verdict: the run's page with the delta table as its checks. */
public final class GoldenHtml {

  private GoldenHtml() {}

  /** Empty when the case did not run (skipped, or failed before the board ran it). */
  public static Optional<String> render(Verdict v) {
    if (v.measurement().isEmpty() || v.measurement().get().run().isEmpty()) {
      return Optional.empty();
    }
    Measurement m = v.measurement().get();
    Measurement.BoardRun run = m.run().get();
    ReportData data =
        ReportBuilder.fromRun(run.graph(), run.compiled(), run.first()).withChecks(checks(v));
    if (m.confusion().isPresent() && m.figures().accuracy().isPresent()) {
      data = data.withAccuracy(accuracy(v, m));
    }
    return Optional.of(HtmlReport.render(data));
  }

  /** Writes {@code dir/<suite>_<case>_<path>.html}; returns the file, or empty. */
  public static Optional<Path> write(Verdict v, Path dir) {
    Optional<String> html = render(v);
    if (html.isEmpty()) {
      return Optional.empty();
    }
    Path file =
        dir.resolve(
            v.goldenCase().suite()
                + "_"
                + v.goldenCase().name()
                + "_"
                + v.path().name().toLowerCase(Locale.ROOT)
                + ".html");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, html.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return Optional.of(file);
  }

  private static List<CheckRow> checks(Verdict v) {
    List<CheckRow> rows = new ArrayList<>();
    for (Delta d : v.rows()) {
      rows.add(
          new CheckRow(
              d.quantity().strip(),
              d.blessed().equals("-") ? "" : d.blessed(),
              d.measured(),
              d.change(),
              d.rule(),
              d.ok()));
    }
    for (LayerChange l : v.layers()) {
      rows.add(
          new CheckRow(
              "layer " + l.index() + " " + l.op() + " cycles",
              Long.toString(l.blessedCycles()),
              Long.toString(l.measuredCycles()),
              String.format(Locale.ROOT, "%+.2f %%", l.percent()),
              "named beyond the band",
              true));
    }
    v.badLayer()
        .ifPresent(
            b ->
                rows.add(
                    new CheckRow(
                        "wrong output", "", b, "", "bit-exact vs Java int8 reference", false)));
    return rows;
  }

  private static AccuracySummary accuracy(Verdict v, Measurement m) {
    Figures.Accuracy a = m.figures().accuracy().get();
    int[][] confusion = m.confusion().get();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < confusion.length; i++) {
      names.add("class " + i);
    }
    double low = a.value();
    double high = a.value();
    String rule = "all " + a.records() + " records of " + m.inputs().source();
    if (m.inputs().sampled()) {
      double confidence = v.goldenCase().tolerances().accuracyConfidence();
      ConfidenceInterval ci = BinomialInterval.clopperPearson(a.records(), a.correct(), confidence);
      low = ci.getLowerBound();
      high = ci.getUpperBound();
      rule =
          String.format(
              Locale.ROOT,
              "Clopper-Pearson %.0f %% on a sample of %d of %d",
              100 * confidence,
              a.records(),
              m.inputs().available());
    }
    return new AccuracySummary(
        a.correct(), a.records(), low, high, rule, m.imagesPerSecond(), confusion, names);
  }
}
