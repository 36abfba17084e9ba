package org.tinysim.harness.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.debug.Rsp;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.harness.cli.TinysimCli;

/** The GDB server driven over its protocol from Java, so it runs without gdb-multiarch too. */
class GdbServerTest {

  private static Path demo;
  private static Path spin;
  private static ElfImage image;

  @BeforeAll
  static void buildFirmware() throws Exception {
    demo = DebugFirmware.build("gdb_demo", DebugFirmware.DEMO);
    spin = DebugFirmware.build("gdb_spin", DebugFirmware.SPIN);
    image = ElfImage.load(demo);
  }

  private static long symbol(String name) {
    return image.symbolAddress(name).orElseThrow() & ~1L;
  }

  private static long cyclesOf(String json) {
    return Long.parseLong(json.replaceAll("(?s).*\"cycles\":\\s*(\\d+).*", "$1"));
  }

  @Test
  void breakpointsStepsAndWatchpointsLeaveTheCycleCountExactlyAsAPlainRun() throws Exception {
    StringWriter plainOut = new StringWriter();
    int plainCode =
        TinysimCli.commandLine(
                new PrintWriter(plainOut, true), new PrintWriter(new StringWriter(), true))
            .execute("run", demo.toString(), "--json");
    assertThat(plainCode).isZero();
    long plainCycles = cyclesOf(plainOut.toString());

    ServedRun served = new ServedRun("run", demo.toString(), "--json", "--gdb", "0");
    try (RspClient gdb = new RspClient(served.port)) {
      assertThat(gdb.ask("qSupported:multiprocess+;swbreak+;hwbreak+"))
          .contains("qXfer:features:read+", "swbreak+", "hwbreak+");
      assertThat(gdb.ask("?")).isEqualTo("S05");
      String xml = gdb.ask("qXfer:features:read:target.xml:0,3fff");
      assertThat(xml).startsWith("l").contains("org.gnu.gdb.arm.m-profile", "org.gnu.gdb.arm.vfp");
      assertThat(gdb.ask("g")).hasSize(2 * (17 * 4 + 16 * 8 + 4 + 6 * 4));
      long reset = gdb.register(15);
      assertThat(reset).isEqualTo(symbol("Reset_Handler"));

      long scale = symbol("scale");
      assertThat(gdb.ask(String.format("Z0,%x,2", scale))).isEqualTo("OK");
      assertThat(gdb.ask("c")).isEqualTo("T05thread:1;swbreak:;");
      assertThat(gdb.register(15)).isEqualTo(scale);
      assertThat(gdb.register(0)).as("x of the first call").isZero();
      assertThat(gdb.register(1)).as("k").isEqualTo(5);
      // Continuing from the breakpoint does not stop on it again before it executes.
      assertThat(gdb.ask("c")).isEqualTo("T05thread:1;swbreak:;");
      assertThat(gdb.register(0)).as("x of the second call").isEqualTo(1);
      assertThat(gdb.ask("vCont;s:1;c")).isEqualTo("T05thread:1;");
      assertThat(gdb.register(15)).isBetween(scale + 2, scale + 4);
      assertThat(gdb.ask(String.format("z0,%x,2", scale))).isEqualTo("OK");
      assertThat(gdb.ask(String.format("Z1,%x,2", scale))).isEqualTo("OK");
      assertThat(gdb.ask("c")).isEqualTo("T05thread:1;hwbreak:;");
      assertThat(gdb.ask(String.format("z1,%x,2", scale))).isEqualTo("OK");

      long counter = symbol("counter");
      assertThat(gdb.ask(String.format("m%x,4", counter))).isEqualTo("02000000");
      assertThat(gdb.ask(String.format("Z2,%x,4", counter))).isEqualTo("OK");
      assertThat(gdb.ask("c")).isEqualTo(String.format("T05thread:1;watch:%x;", counter));
      assertThat(gdb.ask(String.format("m%x,4", counter)))
          .as("the store has happened")
          .isEqualTo("03000000");
      assertThat(gdb.ask(String.format("z2,%x,4", counter))).isEqualTo("OK");
      assertThat(gdb.ask(String.format("Z3,%x,4", counter))).isEqualTo("OK");
      assertThat(gdb.ask("c")).isEqualTo(String.format("T05thread:1;rwatch:%x;", counter));
      assertThat(gdb.ask(String.format("z3,%x,4", counter))).isEqualTo("OK");

      String cycles = gdb.monitor("cycles");
      assertThat(cycles).startsWith("cycles: ");
      long atStop = Long.parseLong(cycles.replaceAll("(?s)cycles: (\\d+).*", "$1"));
      assertThat(atStop).isBetween(1L, plainCycles);
      // DWT_CYCCNT through the device model: counting since main enabled it, below the total.
      long cyccnt = Rsp.littleEndian(Rsp.unhex(gdb.ask("me0001004,4")));
      assertThat(cyccnt).isBetween(1L, atStop);
      assertThat(gdb.monitor("sram")).contains("sram: peak");
      assertThat(gdb.monitor("fault")).startsWith("no fault");
      assertThat(gdb.ask("m60000000,4")).as("unmapped").isEqualTo("E0e");
      assertThat(gdb.ask("c")).isEqualTo("W00");
      gdb.send("k");
    }
    assertThat(served.awaitExit()).isZero();
    assertThat(cyclesOf(served.out.toString())).isEqualTo(plainCycles);
  }

  @Test
  void ctrlCStopsARunawayLoopAndKillEndsTheRunNamingTheDebugger() throws Exception {
    ServedRun served = new ServedRun("run", spin.toString(), "--gdb", "0");
    try (RspClient gdb = new RspClient(served.port)) {
      gdb.send("c");
      Thread.sleep(300);
      gdb.interrupt();
      assertThat(gdb.reply()).isEqualTo("T02thread:1;");
      long main = ElfImage.load(spin).symbolAddress("main").orElseThrow() & ~1L;
      assertThat(gdb.register(15)).isBetween(main, main + 16);
      assertThat(gdb.monitor("reset")).startsWith("reset: pc");
      assertThat(gdb.monitor("cycles")).startsWith("cycles: 0 ");
      gdb.send("k");
    }
    assertThat(served.awaitExit()).isEqualTo(RunResult.STOPPED_BY_HOST_EXIT);
    assertThat(served.err.toString()).contains("stopped: killed by the debugger, at Reset_Handler");
  }

  @Test
  void aFaultStopsWithSigsegvAndMonitorFaultDescribesIt() throws Exception {
    Path faulty = DebugFirmware.build("gdb_fault", DebugFirmware.FAULT);
    ServedRun served = new ServedRun("debug", faulty.toString(), "--port", "0");
    try (RspClient gdb = new RspClient(served.port)) {
      assertThat(gdb.ask("c")).isEqualTo("T0bthread:1;");
      assertThat(gdb.monitor("fault")).contains("READ_UNMAPPED", "0x60000000");
      assertThat(gdb.ask("c")).as("the firmware cannot go on").isEqualTo("X0b");
      gdb.send("k");
    }
    assertThat(served.awaitExit())
        .isEqualTo(RunResult.FAULT_EXIT_BASE + FaultKind.READ_UNMAPPED.ordinal());
  }
}
