package org.tinysim.harness.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.harness.cli.TinysimCli;

/**
 * A real {@code gdb-multiarch} (Debian's; scripts/setup.sh installs it) in batch mode against
 * {@code tinysim run --gdb}: break at a function, step, print variables and registers, watch a
 * store, read DWT CYCCNT, {@code monitor cycles}, run to the end. Skipped when gdb-multiarch is not
 * installed.
 */
class GdbMultiarchTest {

  private static Path gdb() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "gdb-multiarch");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void aBatchSessionBreaksStepsPrintsWatchesAndLeavesTheCyclesAlone() throws Exception {
    Path gdb = gdb();
    assumeTrue(gdb != null, "gdb-multiarch is not installed (scripts/setup.sh installs it)");
    Path elf = DebugFirmware.build("gdb_demo", DebugFirmware.DEMO);
    StringWriter plain = new StringWriter();
    assertThat(
            TinysimCli.commandLine(
                    new PrintWriter(plain, true), new PrintWriter(new StringWriter(), true))
                .execute("run", elf.toString()))
        .isZero();

    ServedRun served = new ServedRun("run", elf.toString(), "--gdb", "0");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                gdb.toString(),
                "-batch",
                "-nx",
                "-ex",
                "set pagination off",
                "-ex",
                "set confirm off",
                "-ex",
                "target remote :" + served.port));
    for (String c :
        List.of(
            "break scale",
            "continue",
            "info registers pc",
            "next",
            "print y",
            "print x * k",
            "info registers xpsr msp control",
            "print $s0",
            "finish",
            "delete 1",
            "watch counter",
            "continue",
            "continue",
            "print counter",
            "x/wx 0xE0001004",
            "monitor cycles",
            "delete",
            "continue")) {
      cmd.add("-ex");
      cmd.add(c);
    }
    cmd.add(elf.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String transcript = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println("--- gdb-multiarch transcript ---\n" + transcript);

    assertThat(transcript)
        .contains(
            "Breakpoint 1, scale (x=",
            "k=k@entry=5",
            "gdb_demo.c:10",
            "$1 = 3",
            "$2 = 0",
            "xpsr",
            "msp            0x2004",
            "control        0x0",
            "Value returned is",
            "Hardware watchpoint 2: counter",
            "Old value = 0",
            "New value = 1",
            "Old value = 1",
            "New value = 2",
            "= 2",
            "0xe0001004:",
            "cycles: ",
            "exited normally");
    // Every reply came within GDB's 2 s remote timeout (a slow one shows as a misplaced reply).
    assertThat(transcript).doesNotContain("Invalid remote reply", "Ignoring packet error");
    assertThat(served.awaitExit()).isZero();
    String cycles = plain.toString().replaceAll("(?s).*cycles:\\s+([0-9,]+).*", "$1");
    assertThat(served.out.toString()).contains("cycles:       " + cycles + "\n");
  }

  @Test
  void aFaultIsReportedToGdbAsSigsegvWithTheFaultingLine() throws Exception {
    Path gdb = gdb();
    assumeTrue(gdb != null, "gdb-multiarch is not installed (scripts/setup.sh installs it)");
    Path elf = DebugFirmware.build("gdb_fault", DebugFirmware.FAULT);
    ServedRun served = new ServedRun("debug", elf.toString(), "--port", "0");
    Process p =
        new ProcessBuilder(
                gdb.toString(),
                "-batch",
                "-nx",
                "-ex",
                "set pagination off",
                "-ex",
                "target remote :" + served.port,
                "-ex",
                "continue",
                "-ex",
                "bt",
                "-ex",
                "monitor fault",
                "-ex",
                "kill",
                elf.toString())
            .redirectErrorStream(true)
            .start();
    String transcript = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println("--- gdb-multiarch transcript ---\n" + transcript);
    assertThat(transcript)
        .contains(
            "Program received signal SIGSEGV",
            "read_sensor",
            "gdb_fault.c:",
            "#1",
            "main",
            "fault: READ_UNMAPPED",
            "0x60000000");
    assertThat(served.awaitExit())
        .isEqualTo(RunResult.FAULT_EXIT_BASE + FaultKind.READ_UNMAPPED.ordinal());
  }
}
