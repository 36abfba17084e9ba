package org.tinysim.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.emulator.fault.Fault;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.SramUsage;
import org.tinysim.emulator.run.StopKind;

/** The summary of one firmware run, as text for people and as a JSON record. */
public final class RunReport {

  /** The STM32F746's flash. */
  public static final long FLASH_LIMIT = 1024 * 1024;

  private RunReport() {}

  public static String status(RunResult r) {
    return switch (r.stop()) {
      case EXITED -> "exited " + r.exitStatus();
      case YIELDED -> "yielded to the host (bkpt 0x42) with no host attached";
      case FAULTED -> "fault: " + r.fault().detail();
      case PAUSED -> "stopped by the host before the firmware ended";
    };
  }

  public static String toText(RunResult r) {
    StringBuilder out = new StringBuilder();
    out.append("status:       ").append(status(r)).append('\n');
    if (r.fault() != null && !r.fault().context().isEmpty()) {
      r.fault().context().lines().forEach(line -> out.append("  ").append(line).append('\n'));
    }
    out.append("cycles:       ").append(Format.count(r.cycles())).append('\n');
    out.append("instructions: ").append(Format.count(r.instructions())).append('\n');
    out.append(
        String.format(
            "time:         %.3f ms at %s (final core clock), %.3f ms at 216 MHz%n",
            Format.ms(r.cycles(), r.coreHz()),
            Format.mhz(r.coreHz()),
            Format.ms(r.cycles(), Format.REFERENCE_HZ)));
    SramUsage s = r.sram();
    out.append(
        String.format(
            "sram peak:    %s B of %s B (%s)%n",
            Format.count(s.peakBytes()),
            Format.count(s.limitBytes()),
            Format.percent(s.peakBytes(), s.limitBytes())));
    out.append("  static      ").append(Format.count(s.staticBytes())).append(" B");
    if (!s.sections().isEmpty()) {
      StringBuilder parts = new StringBuilder();
      s.sections()
          .forEach(
              (name, bytes) ->
                  parts
                      .append(parts.length() == 0 ? "" : ", ")
                      .append(name)
                      .append(' ')
                      .append(Format.count(bytes)));
      out.append(" (").append(parts).append(')');
    }
    out.append('\n');
    out.append("  heap        ").append(Format.count(s.heapBytes())).append(" B\n");
    out.append("  stack       ").append(Format.count(s.stackBytes())).append(" B\n");
    out.append(
        String.format(
            "flash:        %s B of %s B (%s)%n",
            Format.count(r.flashBytes()),
            Format.count(FLASH_LIMIT),
            Format.percent(r.flashBytes(), FLASH_LIMIT)));
    return out.toString();
  }

  /**
   * Process exit code of a run: the firmware's own exit status, 100 + fault kind on a fault, and
   * {@value #NOT_EXITED} when it stopped without exiting (a run that computed nothing must not
   * pass).
   */
  public static int exitCode(RunResult r) {
    return r.stop() == StopKind.YIELDED ? NOT_EXITED : r.processExitCode();
  }

  /** Exit code of a run that ended without the firmware's exit (below the fault codes). */
  public static final int NOT_EXITED = RunResult.FAULT_EXIT_BASE - 1;

  /** {@code cycleReport} only with {@code --cycle-report}. */
  @JsonPropertyOrder({
    "exitStatus",
    "stop",
    "fault",
    "cycles",
    "instructions",
    "coreHz",
    "ms216",
    "sram",
    "flashBytes",
    "uart",
    "console",
    "consoleErr",
    "exitCode",
    "cycleReport",
    "cycleReportUnattributed"
  })
  public record Json(
      Integer exitStatus,
      String stop,
      FaultJson fault,
      long cycles,
      long instructions,
      long coreHz,
      double ms216,
      SramJson sram,
      long flashBytes,
      String uart,
      String console,
      String consoleErr,
      int exitCode,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<CycleProfile.Row> cycleReport,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long cycleReportUnattributed) {}

  @JsonPropertyOrder({"static", "sections", "heap", "stack", "peak", "limit"})
  public record SramJson(
      @JsonProperty("static") long staticBytes,
      Map<String, Long> sections,
      long heap,
      long stack,
      long peak,
      long limit) {}

  @JsonPropertyOrder({"kind", "address", "pc", "location", "detail", "context"})
  public record FaultJson(
      String kind, long address, long pc, String location, String detail, String context) {}

  public static Json toJson(RunResult r, String uart, CycleProfile profile) {
    return new Json(
        r.exitStatus(),
        r.stop().name(),
        fault(r.fault()),
        r.cycles(),
        r.instructions(),
        r.coreHz(),
        Format.ms(r.cycles(), Format.REFERENCE_HZ),
        sram(r.sram()),
        r.flashBytes(),
        uart,
        r.console(),
        r.consoleErr(),
        exitCode(r),
        profile == null ? null : profile.toJson(),
        profile == null ? null : profile.unattributedCycles());
  }

  public static SramJson sram(SramUsage s) {
    return new SramJson(
        s.staticBytes(),
        new LinkedHashMap<>(s.sections()),
        s.heapBytes(),
        s.stackBytes(),
        s.peakBytes(),
        s.limitBytes());
  }

  private static FaultJson fault(Fault f) {
    return f == null
        ? null
        : new FaultJson(
            f.kind().name(), f.address(), f.pc(), f.location(), f.detail(), f.context());
  }
}
