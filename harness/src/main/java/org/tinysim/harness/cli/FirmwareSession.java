package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tinysim.emulator.cpu.CycleCounter.BlockExecution;
import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.cycles.StallCounts;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.FaultDelivery;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.report.CycleProfile;
import org.tinysim.harness.report.RunReport;
import org.tinysim.peripherals.board.Stm32f746Board;
import org.tinysim.peripherals.board.Stm32f746Peripherals;

/**
 * What {@code run} and {@code demo} share: load an ELF on a board, stream (or collect) its UART
 * and semihosting output, then print the summary or one JSON object. Returns the process exit
 * code of the firmware.
 */
final class FirmwareSession {

  private final BoardChoice board;
  private final RunOptions options;
  private final boolean json;
  private final boolean cycleReport;
  private boolean exactInstructionCache;
  private boolean exactDataCache;
  private FaultDelivery faultDelivery = FaultDelivery.AUTO;

  FirmwareSession(BoardChoice board, RunOptions options, boolean json, boolean cycleReport) {
    this.board = board;
    this.options = options;
    this.json = json;
    this.cycleReport = cycleReport;
  }

  /** Simulates the L1 I-cache instead of assuming hits (see emulator/CYCLE_MODEL.md). */
  FirmwareSession withExactInstructionCache() {
    exactInstructionCache = true;
    return this;
  }

  /** Simulates the L1 D-cache per access instead of the per-block estimate (CYCLE_MODEL.md, "Data side"). */
  FirmwareSession withFaultDelivery(FaultDelivery delivery) {
    faultDelivery = delivery;
    return this;
  }

  FirmwareSession withExactDataCache() {
    exactDataCache = true;
    return this;
  }

  int run(Path elf, PrintWriter out) {
    if (!Files.isRegularFile(elf)) {
      throw new UserError("firmware " + elf + " does not exist or is not a file");
    }
    ElfImage image = ElfImage.load(elf);
    try (Stm32f746Board b = board.open()) {
      b.load(image);
      b.machine().setExactInstructionCache(exactInstructionCache);
      b.machine().setExactDataCache(exactDataCache);
      b.machine().setFaultDelivery(faultDelivery);
      if (!json) {
        for (String uart : Stm32f746Peripherals.uartNames()) {
          b.peripherals().usart(uart).addTransmitListener(octet -> echo(out, (char) (octet & 0xff)));
        }
        b.machine().echoConsoleTo(text -> {
          out.print(text);
          out.flush();
        });
      }
      RunResult result = b.run(options);
      CycleProfile profile = cycleReport
          ? CycleProfile.of(b.machine().counter().profile(),
              block -> stallsOf(b, block), image) : null;
      if (json) {
        Map<String, Object> report = RunReport.toJson(result, b.uartText());
        if (profile != null) {
          report.put("cycleReport", profile.toJson());
        }
        out.println(Json.compact(report));
      } else {
        out.println();
        out.print(RunReport.toText(result));
        if (profile != null) {
          out.print(profile.toText());
        }
      }
      out.flush();
      return result.processExitCode();
    }
  }

  private static StallCounts stallsOf(Stm32f746Board b, BlockExecution block) {
    BlockCost cost = b.machine().blockCosts().costOf(block.address(), block.size());
    return cost == null ? null : cost.stalls();
  }

  private static void echo(PrintWriter out, char c) {
    out.print(c);
    if (c == '\n') {
      out.flush();
    }
  }
}
