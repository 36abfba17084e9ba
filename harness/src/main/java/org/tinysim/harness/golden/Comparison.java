package org.tinysim.harness.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.tinysim.harness.report.Format;

/** Applies a case's tolerance rules to a measurement against its blessed baseline. */
public final class Comparison {

  private Comparison() {}

  /**
   * @param blessedOutputs the blessed outputs file's bytes, when present (names the first differing
   *     record)
   */
  public static Verdict compare(
      GoldenCase c, Measurement m, Optional<Figures> baseline, Optional<byte[]> blessedOutputs) {
    return compare(c, m, baseline, blessedOutputs, false);
  }

  /**
   * @param kernelChange the run used modified kernels: flash may then move under its limit and
   *     cycles may drop beyond the band, reported as improvements/regressions against the baseline;
   *     slower cycles beyond the band still fail
   */
  public static Verdict compare(
      GoldenCase c,
      Measurement m,
      Optional<Figures> baseline,
      Optional<byte[]> blessedOutputs,
      boolean kernelChange) {
    Figures now = m.figures();
    Tolerances t = c.tolerances();
    List<Delta> rows = new ArrayList<>();
    rows.add(reference(m));
    if (baseline.isEmpty()) {
      rows.addAll(limitsOnly(now, t));
      return new Verdict(
          c,
          m.path(),
          Verdict.Status.NO_BASELINE,
          "no baseline: run "
              + "`tinysim golden --suite "
              + c.suite()
              + " --case "
              + c.name()
              + " --bless`",
          rows,
          List.of(),
          m.referenceMismatch(),
          Optional.of(m));
    }
    Figures was = baseline.get();
    rows.add(outputs(m, was, blessedOutputs));
    rows.add(
        kernelChange
            ? movedUnderLimit("peak SRAM", was.sram().peak(), now.sram().peak(), t.sramLimit())
            : exact("peak SRAM", was.sram().peak(), now.sram().peak(), t.sramLimit()));
    rows.add(exact("  arena", was.sram().arena(), now.sram().arena(), -1));
    rows.add(info("  static", was.sram().staticBytes(), now.sram().staticBytes()));
    rows.add(info("  stack+heap", was.sram().stackAndHeap(), now.sram().stackAndHeap()));
    rows.add(
        kernelChange
            ? movedUnderLimit("flash", was.flash(), now.flash(), t.flashLimit())
            : exact("flash", was.flash(), now.flash(), t.flashLimit()));
    rows.add(
        kernelChange
            ? cyclesMoved(was.cycles(), now.cycles(), t.cyclesPercent())
            : cycles(was.cycles(), now.cycles(), t.cyclesPercent()));
    accuracy(was, now, t).ifPresent(rows::add);
    List<LayerChange> layers = layerChanges(was, now, t.cyclesPercent());
    boolean ok = rows.stream().allMatch(Delta::ok);
    String message =
        ok
            ? kernelChange ? kernelSummary(rows) : ""
            : "regression: "
                + String.join(
                    ", ",
                    rows.stream().filter(r -> !r.ok()).map(r -> r.quantity().strip()).toList());
    return new Verdict(
        c,
        m.path(),
        ok ? Verdict.Status.PASS : Verdict.Status.FAIL,
        message,
        rows,
        layers,
        m.referenceMismatch(),
        Optional.of(m));
  }

  private static Delta reference(Measurement m) {
    String rule = "bit-exact vs Java int8 reference";
    String probed =
        m.layersProbed() > 0 ? "every layer on the first " + m.layersProbed() + " records" : "";
    if (m.referenceMismatch().isPresent()) {
      return new Delta(
          "reference",
          "-",
          "differs",
          "see 'wrong output'",
          rule + (probed.isEmpty() ? "" : " (" + probed + ")"),
          false);
    }
    return new Delta(
        "reference",
        "-",
        m.referenceChecked() + "/" + m.referenceChecked() + " equal",
        "",
        rule
            + " (first "
            + m.referenceChecked()
            + " records"
            + (probed.isEmpty() ? "" : "; " + probed)
            + ")",
        true);
  }

  private static List<Delta> limitsOnly(Figures now, Tolerances t) {
    return List.of(
        new Delta(
            "peak SRAM",
            "-",
            bytes(now.sram().peak()),
            "",
            "limit " + bytes(t.sramLimit()),
            now.sram().peak() <= t.sramLimit()),
        new Delta(
            "flash",
            "-",
            bytes(now.flash()),
            "",
            "limit " + bytes(t.flashLimit()),
            now.flash() <= t.flashLimit()));
  }

  private static Delta outputs(Measurement m, Figures was, Optional<byte[]> blessed) {
    Figures now = m.figures();
    String rule = "exact";
    String shortWas = was.outputsSha256().substring(0, 12);
    String shortNow = now.outputsSha256().substring(0, 12);
    boolean sameRecords = was.records() == now.records() && was.fullSource() == now.fullSource();
    if (was.recordBytes() != now.recordBytes()) {
      return new Delta(
          "outputs",
          was.recordBytes() + " B/record",
          now.recordBytes() + " B/record",
          "output size changed",
          rule,
          false);
    }
    if (sameRecords) {
      if (was.outputsSha256().equals(now.outputsSha256())) {
        return new Delta("outputs", "sha " + shortWas, "sha " + shortNow, "equal", rule, true);
      }
      String where = blessed.map(b -> firstDifference(b, m, false)).orElse("");
      return new Delta(
          "outputs", "sha " + shortWas, "sha " + shortNow, "differ" + where, rule, false);
    }
    if (was.fullSource() && blessed.isPresent()) {
      String where = firstDifference(blessed.get(), m, true);
      return new Delta(
          "outputs",
          was.records() + " records",
          now.records() + " sampled",
          where.isEmpty() ? "equal" : "differ" + where,
          rule + " (sampled records vs blessed)",
          where.isEmpty());
    }
    return new Delta(
        "outputs",
        was.records() + " records",
        now.records() + " records",
        "not compared (different records)",
        rule,
        true);
  }

  /** "" when equal; else ", first at record r element e: b -> m". */
  private static String firstDifference(byte[] blessed, Measurement m, boolean byIndex) {
    int rb = m.figures().recordBytes();
    for (int n = 0; n < m.inputs().size(); n++) {
      int from = (byIndex ? m.inputs().indexes()[n] : n) * rb;
      for (int e = 0; e < rb; e++) {
        if (from + e >= blessed.length) {
          break; // the blessed run had fewer records: compare the overlap
        }
        if (blessed[from + e] != m.outputs()[n * rb + e]) {
          return String.format(
              Locale.ROOT,
              ", first at record %d byte %d: %d -> %d",
              n,
              e,
              blessed[from + e],
              m.outputs()[n * rb + e]);
        }
      }
    }
    return "";
  }

  private static Delta exact(String what, long was, long now, long limit) {
    boolean ok = was == now && (limit < 0 || now <= limit);
    String rule = limit < 0 ? "exact" : "exact, limit " + bytes(limit);
    String change = String.format(Locale.ROOT, "%+,d B", now - was);
    if (limit >= 0 && now > limit) {
      change += " (over the limit by " + bytes(now - limit) + ")";
    }
    return new Delta(what, bytes(was), bytes(now), change, rule, ok);
  }

  private static final String IMPROVED = " improvement";
  private static final String REGRESSED = " regression";

  /**
   * Modified kernels: flash or peak SRAM (a kernel's code and stack) under the board's limit
   * passes; the change is named either way.
   */
  private static Delta movedUnderLimit(String what, long was, long now, long limit) {
    String change =
        String.format(Locale.ROOT, "%+,d B", now - was)
            + (now < was ? IMPROVED : now > was ? REGRESSED : "");
    if (now > limit) {
      change += " (over the limit by " + bytes(now - limit) + ")";
    }
    return new Delta(
        what, bytes(was), bytes(now), change, "kernel change: limit " + bytes(limit), now <= limit);
  }

  /** Modified kernels: faster beyond the band is an improvement, slower beyond it fails. */
  private static Delta cyclesMoved(long was, long now, double band) {
    Delta row = cycles(was, now, band);
    if (row.ok() || now > was) {
      return row;
    }
    return new Delta(
        row.quantity(),
        row.blessed(),
        row.measured(),
        row.change() + IMPROVED,
        row.rule() + ", faster passes",
        true);
  }

  /** "kernel change: improved flash, cycles; regressed (within limits) flash", or "". */
  private static String kernelSummary(List<Delta> rows) {
    List<String> improved =
        rows.stream()
            .filter(r -> r.change().endsWith(IMPROVED))
            .map(r -> r.quantity().strip())
            .toList();
    List<String> regressed =
        rows.stream()
            .filter(r -> r.change().endsWith(REGRESSED))
            .map(r -> r.quantity().strip())
            .toList();
    List<String> parts = new ArrayList<>();
    if (!improved.isEmpty()) {
      parts.add("improved " + String.join(", ", improved));
    }
    if (!regressed.isEmpty()) {
      parts.add("regressed within limits " + String.join(", ", regressed));
    }
    return parts.isEmpty() ? "" : "kernel change: " + String.join("; ", parts);
  }

  private static Delta info(String what, long was, long now) {
    return new Delta(
        what,
        bytes(was),
        bytes(now),
        String.format(Locale.ROOT, "%+,d B", now - was),
        "breakdown",
        true);
  }

  private static Delta cycles(long was, long now, double band) {
    double pct = was == 0 ? (now == 0 ? 0 : 100) : 100.0 * (now - was) / was;
    return new Delta(
        "cycles",
        Format.count(was),
        Format.count(now),
        String.format(Locale.ROOT, "%+.2f%%", pct),
        String.format(Locale.ROOT, "±%.1f%%", band),
        Math.abs(pct) <= band);
  }

  /** Exact rule on the blessed records; binomial rule on a sample of them. */
  static Optional<Delta> accuracy(Figures was, Figures now, Tolerances t) {
    if (now.accuracy().isEmpty()) {
      return was.accuracy()
          .map(a -> new Delta("accuracy", percent(a), "-", "no labels now", ">= blessed", false));
    }
    Figures.Accuracy n = now.accuracy().get();
    if (was.accuracy().isEmpty()) {
      return Optional.of(new Delta("accuracy", "-", percent(n), "", "not blessed", true));
    }
    Figures.Accuracy a = was.accuracy().get();
    String change = String.format(Locale.ROOT, "%+.2f pt", 100 * (n.value() - a.value()));
    if (n.records() == a.records() && now.fullSource() == was.fullSource()) {
      return Optional.of(
          new Delta(
              "accuracy",
              percent(a),
              percent(n),
              change,
              "exact rule: >= blessed on the same " + a.records() + " records",
              n.correct() >= a.correct()));
    }
    ConfidenceInterval ci =
        BinomialInterval.clopperPearson(n.records(), n.correct(), t.accuracyConfidence());
    return Optional.of(
        new Delta(
            "accuracy",
            percent(a),
            percent(n),
            change,
            String.format(
                Locale.ROOT,
                "binomial rule: blessed within %.0f%% Clopper-Pearson CI "
                    + "[%.2f%%, %.2f%%] of a %d-record sample",
                100 * t.accuracyConfidence(),
                100 * ci.getLowerBound(),
                100 * ci.getUpperBound(),
                n.records()),
            ci.getUpperBound() >= a.value()));
  }

  static List<LayerChange> layerChanges(Figures was, Figures now, double band) {
    List<LayerChange> out = new ArrayList<>();
    int n = Math.min(was.layers().size(), now.layers().size());
    for (int i = 0; i < n; i++) {
      Figures.Layer w = was.layers().get(i);
      Figures.Layer m = now.layers().get(i);
      LayerChange change = new LayerChange(i, m.op(), w.cycles(), m.cycles());
      if (!w.op().equals(m.op()) || Math.abs(change.percent()) > band) {
        out.add(change);
      }
    }
    return out;
  }

  private static String percent(Figures.Accuracy a) {
    return String.format(Locale.ROOT, "%.2f%% (%d/%d)", 100 * a.value(), a.correct(), a.records());
  }

  static String bytes(long n) {
    return Format.count(n) + " B";
  }
}
