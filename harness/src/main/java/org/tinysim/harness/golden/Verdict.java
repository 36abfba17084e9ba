package org.tinysim.harness.golden;

import java.util.List;
import java.util.Optional;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * A case on one kernel path compared with its baseline.
 *
 * @param status PASS, FAIL, SKIPPED (a ../shared file is absent), NO_BASELINE, ERROR
 * @param message why, for SKIPPED / NO_BASELINE / ERROR
 * @param layers layers whose cycles left the band
 * @param badLayer first layer whose output differs from the Java reference, if any
 */
public record Verdict(
    GoldenCase goldenCase,
    KernelPath path,
    Status status,
    String message,
    List<Delta> rows,
    List<LayerChange> layers,
    Optional<String> badLayer,
    Optional<Measurement> measurement) {

  public enum Status {
    PASS,
    FAIL,
    SKIPPED,
    NO_BASELINE,
    ERROR
  }

  public Verdict {
    rows = List.copyOf(rows);
    layers = List.copyOf(layers);
  }

  public static Verdict skipped(GoldenCase c, KernelPath path, String why) {
    return new Verdict(
        c, path, Status.SKIPPED, why, List.of(), List.of(), Optional.empty(), Optional.empty());
  }

  public static Verdict error(GoldenCase c, KernelPath path, String why) {
    return new Verdict(
        c, path, Status.ERROR, why, List.of(), List.of(), Optional.empty(), Optional.empty());
  }

  /** "suite/case [DSP]". */
  public String title() {
    return goldenCase.id() + " [" + path.name() + "]";
  }

  public boolean failed() {
    return status == Status.FAIL || status == Status.ERROR || status == Status.NO_BASELINE;
  }
}
