package org.tinysim.harness.report;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.tinysim.harness.bench.BenchResult;
import org.tinysim.harness.bench.RtosBench;

/** The bench numbers as terminal lines and as a markdown report with machine information. */
public final class BenchReport {

  private BenchReport() {}

  public static String lines(BenchResult r, RtosBench.Result rtos) {
    return dotProductLines(r) + rtosLines(rtos);
  }

  private static String rtosLines(RtosBench.Result r) {
    return String.format(
        "CYCCNT polling: %.1f MIPS of CPU time (%.1f M instructions; stock RAM stores %.1f MIPS)%n"
            + "1 kHz SysTick + PendSV switch: %.1f MIPS of CPU time (%.1f M instructions; "
            + "stock RAM stores %.1f MIPS)%n",
        r.fast().pollMips(),
        r.fast().pollInstructions() / 1e6,
        r.stock().pollMips(),
        r.fast().switchMips(),
        r.fast().switchInstructions() / 1e6,
        r.stock().switchMips());
  }

  private static String dotProductLines(BenchResult r) {
    return String.format(
        "cycle model on: %.1f MIPS (%.1f M instructions in %.2f s)%n"
            + "plain Unicorn: %.1f MIPS (%.2f s)%n"
            + "ratio: %.1f %%%n"
            + "checksums: board 0x%08X, plain 0x%08X (%s)%n",
        r.boardMips(),
        r.instructions() / 1e6,
        r.boardSeconds(),
        r.plainMips(),
        r.plainSeconds(),
        r.ratioPercent(),
        r.boardChecksum(),
        r.plainChecksum(),
        r.checksumsMatch() ? "equal" : "DIFFERENT");
  }

  public static String markdown(BenchResult r, RtosBench.Result rtos, String unicornVersion) {
    Runtime rt = Runtime.getRuntime();
    StringBuilder md = new StringBuilder("# tinysim emulator benchmark\n\n");
    md.append("Run ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(".\n\n");
    md.append("Firmware: int8 dot product of two 1 KiB arrays (LDR + SXTB16 + SMLAD), ")
        .append(Format.count(r.rounds()))
        .append(" rounds, ")
        .append(Format.count(r.instructions()))
        .append(" instructions, ")
        .append(Format.count(r.cycles()))
        .append(" emulated cycles. One warm-up run per engine, ")
        .append("then the median of ")
        .append(r.timedRuns())
        .append(" timed runs (host wall time ")
        .append("of the emulation call only).\n\n");
    md.append("| engine | MIPS | seconds | checksum |\n| --- | ---: | ---: | --- |\n");
    md.append(
        String.format(
            "| board, cycle model on | %.1f | %.3f | 0x%08X |%n",
            r.boardMips(), r.boardSeconds(), r.boardChecksum()));
    md.append(
        String.format(
            "| plain Unicorn, no hooks | %.1f | %.3f | 0x%08X |%n",
            r.plainMips(), r.plainSeconds(), r.plainChecksum()));
    md.append(
        String.format(
            "%nRatio (cycle model / plain): **%.1f %%**. Checksums %s.%n%n",
            r.ratioPercent(), r.checksumsMatch() ? "equal" : "DIFFERENT"));
    md.append("## RTOS workloads\n\n");
    md.append(
            "Firmware: rtos_bench.c on the board (cycle model on). Phase 1 polls DWT->CYCCNT for ")
        .append(Format.count(rtos.pollCycles()))
        .append(
            " cycles; phase 2 switches two busy tasks (each storing to SRAM every iteration) by ")
        .append("PendSV on every 1 kHz SysTick (16 MHz) for ")
        .append(Format.count(rtos.ticks()))
        .append(" ticks. Each phase is timed on its own in host CPU time of the emulating thread ")
        .append("(wall time on a shared host measures the other processes): one warm-up run, then ")
        .append("the median of ")
        .append(rtos.timedRuns())
        .append(" timed runs. Fast RAM stores skip Unicorn 2.0.1's dirty-page tracking on pages ")
        .append("without code; the stock path sends every store through its ")
        .append("self-modifying-code check.\n\n");
    md.append("| workload | instructions | MIPS, fast RAM stores | MIPS, stock stores |\n");
    md.append("| --- | ---: | ---: | ---: |\n");
    md.append(
        String.format(
            "| CYCCNT polling | %s | %.1f | %.1f |%n",
            Format.count(rtos.fast().pollInstructions()),
            rtos.fast().pollMips(),
            rtos.stock().pollMips()));
    md.append(
        String.format(
            "| 1 kHz SysTick + PendSV switch | %s | %.1f | %.1f |%n%n",
            Format.count(rtos.fast().switchInstructions()),
            rtos.fast().switchMips(),
            rtos.stock().switchMips()));
    md.append("## Machine\n\n");
    md.append("| what | value |\n| --- | --- |\n");
    md.append("| CPU | ").append(cpuModel()).append(" |\n");
    md.append("| cores | ").append(rt.availableProcessors()).append(" |\n");
    md.append("| max heap | ").append(rt.maxMemory() / (1024 * 1024)).append(" MiB |\n");
    md.append("| JVM | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version", System.getProperty("java.version")))
        .append(" (")
        .append(System.getProperty("java.vendor"))
        .append(") |\n");
    md.append("| OS | ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(" |\n");
    md.append("| Unicorn | ").append(unicornVersion).append(" |\n");
    return md.toString();
  }

  /** The host CPU's name on Linux; "unknown" elsewhere. */
  private static String cpuModel() {
    try (java.util.stream.Stream<String> lines =
        java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .orElse("unknown");
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return "unknown";
    }
  }
}
