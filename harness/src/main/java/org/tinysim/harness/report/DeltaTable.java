package org.tinysim.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tinysim.harness.golden.Delta;
import org.tinysim.harness.golden.LayerChange;
import org.tinysim.harness.golden.Verdict;

/** The text a person reads: one block per case and kernel path. */
public final class DeltaTable {

  private DeltaTable() {}

  public static String render(Verdict v) {
    StringBuilder out = new StringBuilder();
    out.append(v.title()).append("  ").append(v.status());
    v.measurement()
        .ifPresent(
            m ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  (%d records, %.1f images/s%s)",
                        m.inputs().size(),
                        m.imagesPerSecond(),
                        m.inputs().sampled() ? ", sample of " + m.inputs().available() : "")));
    out.append('\n');
    if (!v.message().isEmpty()) {
      out.append("  ").append(v.message()).append('\n');
    }
    if (!v.rows().isEmpty()) {
      List<String[]> cells = new ArrayList<>();
      cells.add(new String[] {"quantity", "blessed", "measured", "change", "rule", ""});
      for (Delta d : v.rows()) {
        cells.add(
            new String[] {
              d.quantity(), d.blessed(), d.measured(), d.change(), d.rule(), d.ok() ? "ok" : "FAIL"
            });
      }
      out.append(columns(cells, "  "));
    }
    if (!v.layers().isEmpty()) {
      out.append("  layers whose cycles moved beyond ±")
          .append(String.format(Locale.ROOT, "%.1f%%", v.goldenCase().tolerances().cyclesPercent()))
          .append(":\n");
      List<String[]> cells = new ArrayList<>();
      for (LayerChange l : v.layers()) {
        cells.add(
            new String[] {
              "op " + l.index(),
              l.op(),
              Format.count(l.blessedCycles()),
              "->",
              Format.count(l.measuredCycles()),
              String.format(Locale.ROOT, "%+.2f%%", l.percent())
            });
      }
      out.append(columns(cells, "    "));
    }
    v.badLayer().ifPresent(b -> out.append("  wrong output: ").append(b).append('\n'));
    return out.toString();
  }

  /** Summary line: counts by status. */
  public static String summary(List<Verdict> verdicts, double seconds) {
    long pass = verdicts.stream().filter(v -> v.status() == Verdict.Status.PASS).count();
    long skipped = verdicts.stream().filter(v -> v.status() == Verdict.Status.SKIPPED).count();
    long failed = verdicts.stream().filter(Verdict::failed).count();
    return String.format(
        Locale.ROOT,
        "golden: %d passed, %d failed, %d skipped in %.1f s%n",
        pass,
        failed,
        skipped,
        seconds);
  }

  private static String columns(List<String[]> rows, String indent) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < cols; i++) {
        line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
