package org.tinysim.golden.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * The calibration ELFs built by golden-tests/pom.xml from src/test/firmware, run on the emulated
 * board; their semihosting lines "name value" become a map.
 */
final class CalibrationFirmware {
  static final Path DIRECTORY = Path.of("target", "firmware");

  /** What one run printed ("name value" lines as a map, and as text), and its totals. */
  record Output(Map<String, Long> values, RunResult result, String console) {
    long value(String name) {
      Long v = values.get(name);
      if (v == null) {
        throw new IllegalStateException(
            "calibration firmware printed no value named '" + name + "': " + values);
      }
      return v;
    }
  }

  private CalibrationFirmware() {}

  /** Runs {@code name}.elf; skips the calling test when the firmware could not be built. */
  static Output run(String name) {
    return run(name, false);
  }

  /**
   * @param exactInstructionCache simulate the I-cache instead of assuming every fetch hits
   */
  static Output run(String name, boolean exactInstructionCache) {
    return run(name, exactInstructionCache, false);
  }

  /**
   * @param exactDataCache simulate the D-cache per access instead of the per-block estimate
   */
  static Output run(String name, boolean exactInstructionCache, boolean exactDataCache) {
    Path elf = DIRECTORY.resolve(name + ".elf");
    assumeTrue(
        Files.isRegularFile(elf),
        elf + " not built (arm-none-eabi-gcc missing?): skipping calibration");
    return run(elf, exactInstructionCache, exactDataCache);
  }

  /** Runs {@code elf}; throws unless it exits with status 0. */
  static Output run(Path elf, boolean exactInstructionCache, boolean exactDataCache) {
    String name = elf.getFileName().toString();
    StringBuilder console = new StringBuilder();
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(elf));
      board.machine().setExactInstructionCache(exactInstructionCache);
      board.machine().setExactDataCache(exactDataCache);
      board.machine().echoConsoleTo(console::append);
      RunResult result = board.run(RunOptions.cycles(2_000_000_000L));
      if (result.exitStatus() == null || result.exitStatus() != 0) {
        throw new IllegalStateException(name + " did not exit cleanly: " + result + "\n" + console);
      }
      return new Output(parse(console.toString()), result, console.toString());
    }
  }

  static Map<String, Long> parse(String console) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : console.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[1].matches("0x[0-9a-fA-F]+|[0-9]+")) {
        String v = parts[1];
        values.put(
            parts[0], v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
      }
    }
    return values;
  }

  /**
   * Builds a port of a third-party benchmark whose sources live outside the repository: {@code make
   * -s -C port VARIABLE=value ...}, failing with make's output.
   */
  static void make(String what, Path port, String... variables)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("make", "-s", "-C", port.toString()));
    command.addAll(List.of(variables));
    Process make = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(make.getInputStream().readAllBytes());
    assertThat(make.waitFor()).as("building " + what + ":\n" + log).isZero();
  }

  /** The rows of a tab-separated table, without blank lines and # comments. */
  static List<String[]> rows(Path table) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(table)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }
}
