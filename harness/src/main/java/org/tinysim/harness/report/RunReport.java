package org.tinysim.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinysim.emulator.fault.Fault;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.SramUsage;

/** The summary of one firmware run, as text for people and as a JSON-ready map. */
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
    out.append(String.format("time:         %.3f ms at %s (final core clock), %.3f ms at 216 MHz%n",
        Format.ms(r.cycles(), r.coreHz()), Format.mhz(r.coreHz()),
        Format.ms(r.cycles(), Format.REFERENCE_HZ)));
    SramUsage s = r.sram();
    out.append(String.format("sram peak:    %s B of %s B (%s)%n", Format.count(s.peakBytes()),
        Format.count(s.limitBytes()), Format.percent(s.peakBytes(), s.limitBytes())));
    out.append("  static      ").append(Format.count(s.staticBytes())).append(" B");
    if (!s.sections().isEmpty()) {
      StringBuilder parts = new StringBuilder();
      s.sections().forEach((name, bytes) -> parts.append(parts.length() == 0 ? "" : ", ")
          .append(name).append(' ').append(Format.count(bytes)));
      out.append(" (").append(parts).append(')');
    }
    out.append('\n');
    out.append("  heap        ").append(Format.count(s.heapBytes())).append(" B\n");
    out.append("  stack       ").append(Format.count(s.stackBytes())).append(" B\n");
    out.append(String.format("flash:        %s B of %s B (%s)%n", Format.count(r.flashBytes()),
        Format.count(FLASH_LIMIT), Format.percent(r.flashBytes(), FLASH_LIMIT)));
    return out.toString();
  }

  public static Map<String, Object> toJson(RunResult r, String uart) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitStatus", r.exitStatus());
    json.put("stop", r.stop().name());
    json.put("fault", fault(r.fault()));
    json.put("cycles", r.cycles());
    json.put("instructions", r.instructions());
    json.put("coreHz", r.coreHz());
    json.put("ms216", Format.ms(r.cycles(), Format.REFERENCE_HZ));
    json.put("sram", sram(r.sram()));
    json.put("flashBytes", r.flashBytes());
    json.put("uart", uart);
    json.put("console", r.console());
    json.put("consoleErr", r.consoleErr());
    json.put("exitCode", r.processExitCode());
    return json;
  }

  public static Map<String, Object> sram(SramUsage s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("static", s.staticBytes());
    json.put("sections", new LinkedHashMap<String, Object>(s.sections()));
    json.put("heap", s.heapBytes());
    json.put("stack", s.stackBytes());
    json.put("peak", s.peakBytes());
    json.put("limit", s.limitBytes());
    return json;
  }

  private static Map<String, Object> fault(Fault f) {
    if (f == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", f.kind().name());
    json.put("address", f.address());
    json.put("pc", f.pc());
    json.put("location", f.location());
    json.put("detail", f.detail());
    json.put("context", f.context());
    return json;
  }
}
