package org.tinysim.harness.golden;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.tinysim.harness.Sha256;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * What one run measured of a case on one kernel path over records [from, to) of the case's {@code
 * records}: the unit a {@code golden --shard} run writes and {@code golden merge} joins. Every
 * slice boots its board with record 0 first, so every slice carries the same per-record
 * deterministic figures (record 0's cycles and layers, flash, arena, static SRAM); a full run is
 * the one slice [0, records).
 *
 * @param available records the source holds (more than {@code records}: a sample)
 * @param referenceRecords the first records compared with the Java reference
 * @param outputs outputs of records [from, to), concatenated
 * @param indexes source position of each record in [from, to)
 * @param correct labelled inputs: records in [from, to) classified right, else null
 * @param confusion labelled inputs: [label][predicted] counts over [from, to), else null
 * @param outputMismatch the slice's first record whose graph output differs from the reference
 * @param layerMismatch the first probed record with a layer that differs (graph outputs equal)
 * @param layersProbed records of the slice whose every layer was compared
 * @param seconds host time of the slice's record loop
 */
public record MeasuredRecords(
    int from,
    int to,
    int records,
    int available,
    String source,
    int referenceRecords,
    int recordBytes,
    long cycles,
    List<Figures.Layer> layers,
    Figures.Sram sram,
    long flash,
    byte[] outputs,
    int[] indexes,
    Integer correct,
    int[][] confusion,
    Mismatch outputMismatch,
    Mismatch layerMismatch,
    int layersProbed,
    double seconds) {

  /** A record that differs from the reference, and how. */
  public record Mismatch(int record, String text) {}

  /**
   * Joins the slices of one case on one path (keyed by who measured them, e.g. the shard "2/4")
   * into the measurement a single run of all records gives.
   *
   * @param title "suite/case [PATH]", for errors
   * @param inputs the records themselves when known (a local run), else described by count only
   * @param run the board run behind the slice holding record 0, when known (a local run)
   * @throws CaseFormatException when the slices do not tile the records or disagree on a
   *     deterministic figure, naming the two sources
   */
  public static Measurement merge(
      String title,
      KernelPath path,
      Map<String, MeasuredRecords> slices,
      Optional<InputSet> inputs,
      Optional<Measurement.BoardRun> run) {
    List<Map.Entry<String, MeasuredRecords>> parts = new ArrayList<>(slices.entrySet());
    parts.sort(Comparator.comparingInt(e -> e.getValue().from()));
    Map.Entry<String, MeasuredRecords> first = parts.get(0);
    for (Map.Entry<String, MeasuredRecords> p : parts) {
      agree(title, first, p, "record count", MeasuredRecords::records);
      agree(title, first, p, "source records", MeasuredRecords::available);
      agree(title, first, p, "input source", MeasuredRecords::source);
      agree(title, first, p, "reference records", MeasuredRecords::referenceRecords);
      agree(title, first, p, "output bytes per record", MeasuredRecords::recordBytes);
      agree(title, first, p, "cycles of record 0", MeasuredRecords::cycles);
      agree(title, first, p, "per-layer cycles of record 0", MeasuredRecords::layers);
      agree(title, first, p, "flash", MeasuredRecords::flash);
      agree(title, first, p, "arena", r -> r.sram().arena());
      agree(title, first, p, "static SRAM", r -> r.sram().staticBytes());
      agree(title, first, p, "labels", r -> r.correct() == null);
      agree(title, first, p, "classes", r -> r.confusion() == null ? 0 : r.confusion().length);
    }
    int records = first.getValue().records();
    int next = 0;
    for (Map.Entry<String, MeasuredRecords> p : parts) {
      if (p.getValue().from() < next) {
        throw new CaseFormatException(
            String.format(
                "%s: records %d-%d measured twice (shard %s starts at %d): was one shard's output"
                    + " given twice, or shards of different splits?",
                title, p.getValue().from(), next - 1, p.getKey(), p.getValue().from()));
      }
      if (p.getValue().from() != next) {
        throw new CaseFormatException(
            String.format(
                "%s: records %d-%d measured by none of the shards (next one, %s, starts at %d)",
                title, next, p.getValue().from() - 1, p.getKey(), p.getValue().from()));
      }
      next = p.getValue().to();
    }
    if (next != records) {
      throw new CaseFormatException(
          String.format(
              "%s: records %d-%d measured by none of the shards", title, next, records - 1));
    }
    ByteArrayOutputStream outputs = new ByteArrayOutputStream();
    List<int[]> indexes = new ArrayList<>();
    int correct = 0;
    int[][] confusion = null;
    for (Map.Entry<String, MeasuredRecords> p : parts) {
      MeasuredRecords r = p.getValue();
      outputs.writeBytes(r.outputs());
      indexes.add(r.indexes());
      if (r.correct() != null) {
        correct += r.correct();
        confusion = add(confusion, r.confusion());
      }
    }
    // The graph outputs decide first, as in one run; layer probes count only when all are equal.
    Optional<Mismatch> wrongOutput =
        parts.stream()
            .map(p -> p.getValue().outputMismatch())
            .filter(Objects::nonNull)
            .min(Comparator.comparingInt(Mismatch::record));
    Optional<Mismatch> mismatch =
        wrongOutput.or(
            () ->
                parts.stream()
                    .map(p -> p.getValue().layerMismatch())
                    .filter(Objects::nonNull)
                    .min(Comparator.comparingInt(Mismatch::record)));
    int probed =
        wrongOutput.isPresent()
            ? 0
            : parts.stream().mapToInt(p -> p.getValue().layersProbed()).sum();
    MeasuredRecords lead = first.getValue();
    Figures.Sram sram =
        parts.stream()
            .map(p -> p.getValue().sram())
            .max(Comparator.comparingLong(Figures.Sram::peak))
            .orElseThrow();
    byte[] all = outputs.toByteArray();
    Optional<Figures.Accuracy> accuracy =
        lead.correct() == null
            ? Optional.empty()
            : Optional.of(new Figures.Accuracy(correct, records));
    Figures figures =
        new Figures(
            records,
            records >= lead.available(),
            lead.recordBytes(),
            Sha256.hex(all),
            sram,
            lead.flash(),
            lead.cycles(),
            lead.layers(),
            accuracy);
    InputSet set =
        inputs.orElseGet(
            () ->
                new InputSet(
                    // A merge knows how many records ran and where from, not their bytes.
                    Collections.nCopies(records, new byte[0]),
                    Optional.empty(),
                    indexes.stream().flatMapToInt(Arrays::stream).toArray(),
                    lead.available(),
                    lead.source()));
    return new Measurement(
        path,
        figures,
        all,
        set,
        lead.referenceRecords(),
        mismatch.map(Mismatch::text),
        parts.stream().mapToDouble(p -> p.getValue().seconds()).max().orElse(0),
        run,
        Optional.ofNullable(confusion),
        probed);
  }

  private static int[][] add(int[][] sum, int[][] counts) {
    if (sum == null) {
      sum = new int[counts.length][counts.length];
    }
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts[i].length; j++) {
        sum[i][j] += counts[i][j];
      }
    }
    return sum;
  }

  private static void agree(
      String title,
      Map.Entry<String, MeasuredRecords> a,
      Map.Entry<String, MeasuredRecords> b,
      String what,
      Function<MeasuredRecords, Object> figure) {
    Object x = figure.apply(a.getValue());
    Object y = figure.apply(b.getValue());
    if (!Objects.equals(x, y)) {
      throw new CaseFormatException(
          String.format(
              "%s: shards %s and %s disagree on %s (%s vs %s): they did not run the same "
                  + "build, kernels, inputs or --count",
              title, a.getKey(), b.getKey(), what, shorten(x), shorten(y)));
    }
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
