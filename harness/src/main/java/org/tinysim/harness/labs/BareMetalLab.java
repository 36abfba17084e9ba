package org.tinysim.harness.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.emulator.cpu.CycleCounter.BlockExecution;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.ElfSymbol;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * Lab 1, bare metal: the student's {@code lab1.c} must set the 216 MHz clock, talk on USART1 at
 * 115200 baud, time {@code lab1_work} with DWT->CYCCNT into {@code lab1_work_cycles}, and report
 * the faulting PC from its own fault handler.
 */
final class BareMetalLab implements Lab {

  static final long CLOCK_HZ = 216_000_000L;
  static final int BAUD = 115_200;

  /** The firmware's DWT figure may differ from the emulator's count of the function by this. */
  static final double TIMING_TOLERANCE = 0.10;

  /** Plus a few cycles for reading CYCCNT around the call. */
  static final long TIMING_SLACK_CYCLES = 40;

  private static final long MAX_CYCLES = 200_000_000L;
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{1,8})");

  @Override
  public int number() {
    return 1;
  }

  @Override
  public String title() {
    return "bare metal on the F746: clock, UART, DWT timing, a fault handler";
  }

  @Override
  public String folder() {
    return "lab1-bare-metal";
  }

  @Override
  public List<String> studentFiles() {
    return List.of("lab1.c");
  }

  @Override
  public LabReport check(Path dir, Path labDir, Path buildRoot) {
    List<Criterion> out = new ArrayList<>();
    LabFirmware.Build build =
        LabFirmware.build(
            "lab1",
            List.of(dir.resolve("lab1.c")),
            List.of(),
            buildRoot.resolve("labs").resolve(folder()).resolve("student"));
    if (!build.ok()) {
      out.add(
          Criterion.fail(
              "builds",
              "arm-none-eabi-gcc failed:\n      " + build.error(),
              "fix the compiler errors first"));
      return new LabReport(number(), title(), dir.toString(), out);
    }
    out.add(Criterion.pass("builds", build.elf().toString()));
    ElfImage image = ElfImage.load(build.elf());
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(image);
      RunResult r = board.run(RunOptions.cycles(MAX_CYCLES));
      String text = board.uartText() + r.console() + r.consoleErr();
      out.add(clock(board));
      out.add(uart(board));
      out.add(timing(board, image));
      out.add(faultHandler(r, text, image, buildRoot));
    }
    return new LabReport(number(), title(), dir.toString(), out);
  }

  private static Criterion clock(Stm32f746Board board) {
    long hz = board.peripherals().clockControl().hclkHz();
    return Criterion.check(
        hz == CLOCK_HZ,
        "core clock 216 MHz",
        String.format("HCLK %.1f MHz at the end of the run", hz / 1e6),
        "call board_clock_216mhz() first thing in main (HSE 25 MHz -> PLL, over-drive, 7 flash "
            + "wait states); after reset the core runs from the 16 MHz HSI");
  }

  private static Criterion uart(Stm32f746Board board) {
    String sent = board.peripherals().uartTranscript(Stm32f746Board.CONSOLE_UART).text();
    long brr = board.peripherals().usart(Stm32f746Board.CONSOLE_UART).read(0x0C, 4);
    long pclk2 = board.peripherals().clockControl().pclk2Hz();
    double baud = brr == 0 ? 0 : (double) pclk2 / brr;
    boolean ok = !sent.isEmpty() && Math.abs(baud - BAUD) <= BAUD * 0.02;
    return Criterion.check(
        ok,
        "USART1 at 115200 baud",
        String.format(
            "%d bytes sent on USART1, BRR %d at PCLK2 %.1f MHz = %.0f baud",
            sent.length(), brr, pclk2 / 1e6, baud),
        "board_uart_init(USART1_BASE, 115200) after the clock is set (BRR depends on PCLK2), "
            + "then board_uart_puts(USART1_BASE, ...)");
  }

  private static Criterion timing(Stm32f746Board board, ElfImage image) {
    Optional<ElfSymbol> work = image.symbol("lab1_work");
    if (work.isEmpty()) {
      return Criterion.fail(
          "DWT timing of lab1_work",
          "lab1_work is missing from the ELF",
          "keep the starter's lab1_work() and call it once");
    }
    // The linker drops lab1_work_cycles when nothing writes it.
    long reported =
        image.symbol("lab1_work_cycles").isEmpty()
            ? 0
            : Integer.toUnsignedLong(
                java.nio.ByteBuffer.wrap(board.machine().readSymbol("lab1_work_cycles"))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt());
    long actual = 0;
    for (BlockExecution b : board.machine().counter().profile()) {
      if (work.get().contains(b.address())) {
        actual += b.totalCycles();
      }
    }
    boolean ok =
        actual > 0
            && Math.abs(reported - actual) <= actual * TIMING_TOLERANCE + TIMING_SLACK_CYCLES;
    return Criterion.check(
        ok,
        "DWT timing of lab1_work",
        String.format(
            "lab1_work_cycles = %d, the emulator counted %d cycles in lab1_work "
                + "(band +-%.0f%% + %d)",
            reported, actual, TIMING_TOLERANCE * 100, TIMING_SLACK_CYCLES),
        "set DEMCR.TRCENA and DWT_CTRL.CYCCNTENA (dwt_cycles_enable()), read DWT_CYCCNT just "
            + "before and after one call of lab1_work and store the difference");
  }

  private static Criterion faultHandler(RunResult r, String text, ElfImage image, Path buildRoot) {
    String name = "fault handler prints the faulting PC";
    if (!FaultDelivery.available(buildRoot)) {
      return new Criterion(
          name,
          Criterion.Status.NEEDS_EMULATOR_FEATURE,
          "needs fault delivery: this emulator does not deliver faults to the firmware's own "
              + "handlers yet, so the criterion is not graded",
          "");
    }
    Optional<ElfSymbol> target = image.symbol("lab1_fault");
    if (target.isEmpty()) {
      return Criterion.fail(
          name, "lab1_fault is missing from the ELF", "keep the starter's lab1_fault()");
    }
    Long printed = null;
    Matcher m = HEX.matcher(text);
    while (m.find()) {
      long v = Long.parseLong(m.group(1), 16);
      if (target.get().contains(v & ~1L)) {
        printed = v;
      }
    }
    boolean ok =
        printed != null
            && r.stop() == StopKind.EXITED
            && r.fault() == null
            && Integer.valueOf(0).equals(r.exitStatus());
    return Criterion.check(
        ok,
        name,
        String.format(
            "stop %s, exit status %s; %s",
            r.stop(),
            r.exitStatus(),
            printed == null
                ? "no PC inside lab1_fault (0x"
                    + Long.toHexString(target.get().address())
                    + "..) in the output"
                : "printed PC 0x" + Long.toHexString(printed) + " lies in lab1_fault"),
        "define UsageFault_Handler (and HardFault_Handler): find the stacked frame (MSP or PSP "
            + "by EXC_RETURN bit 2), print frame[6] (the PC) in hex, then exit with status 0");
  }

  /**
   * Whether the emulator delivers a UsageFault to the firmware's handler: a probe firmware divides
   * by zero with CCR.DIV_0_TRP set, measured once per process.
   */
  static final class FaultDelivery {
    private static Boolean available;

    private FaultDelivery() {}

    static synchronized boolean available(Path buildRoot) {
      if (available == null) {
        available = probe(buildRoot.resolve("labs").resolve("fault-probe").resolve("student"));
      }
      return available;
    }

    private static boolean probe(Path dir) {
      String source;
      try (InputStream in = BareMetalLab.class.getResourceAsStream("fault_probe.c")) {
        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled fault_probe.c", e);
      }
      LabFirmware.Build b =
          LabFirmware.build(
              "fault_probe",
              List.of(),
              List.<String[]>of(new String[] {"fault_probe.c", source}),
              dir);
      if (!b.ok()) {
        throw new IllegalStateException("the fault probe firmware did not build: " + b.error());
      }
      try (Stm32f746Board board = Stm32f746Board.disco()) {
        board.load(ElfImage.load(b.elf()));
        RunResult r = board.run(RunOptions.cycles(10_000_000L));
        return r.stop() == StopKind.EXITED
            && Integer.valueOf(FAULT_PROBE_DELIVERED).equals(r.exitStatus());
      }
    }
  }

  /** Exit status of fault_probe.c when its UsageFault handler ran. */
  static final int FAULT_PROBE_DELIVERED = 42;
}
