package org.tinysim.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * The kernels' random-case tests (kernels-cmsis/src/test/c, {@code make board-test}) built for the
 * STM32F746 and run on the emulated board: the host tests replace the DSP body's inline assembly
 * with C, so this is where the assembly itself is checked against the portable body and the
 * textbook reference, case by case.
 */
class KernelsOnBoardTest {
  private static final Path TESTS = Path.of("../kernels-cmsis/src/test/c");
  private static final Pattern SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed");

  @Test
  void everyKernelCasePassesWithTheAssemblyOnTheBoard() throws IOException, InterruptedException {
    assumeTrue(onPath("arm-none-eabi-gcc"), "arm-none-eabi-gcc missing: skipping");
    Path build = Path.of("target", "kernels-board").toAbsolutePath();
    Process make =
        new ProcessBuilder(
                List.of("make", "-s", "-C", TESTS.toString(), "B=" + build, "board-test"))
            .redirectErrorStream(true)
            .start();
    String log = new String(make.getInputStream().readAllBytes());
    assertThat(make.waitFor()).as("make board-test:\n" + log).isZero();

    StringBuilder console = new StringBuilder();
    RunResult result;
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(build.resolve("board/test_kernels.elf")));
      board.machine().echoConsoleTo(console::append);
      result = board.run(RunOptions.cycles(20_000_000_000L));
    }
    Matcher summary = SUMMARY.matcher(console);
    assertThat(summary.find()).as("no summary line in:\n" + console).isTrue();
    assertThat(Integer.parseInt(summary.group(2))).as(console.toString()).isZero();
    assertThat(Integer.parseInt(summary.group(1))).as("cases run").isGreaterThan(10_000);
    assertThat(result.exitStatus()).as(result.toString()).isEqualTo(0);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
