package org.tinysim.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.harness.toolchain.CSourceTree;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/** Small firmwares written and built by the tests themselves. */
final class TestFirmware {

  /** UART + semihosting output, 600 bytes of .bss, exit status 3. */
  static final String HELLO =
      """
      #include "board.h"
      #include "semihosting.h"
      static volatile char scratch[600];
      int main(void)
      {
          board_uart_init(USART1_BASE, 115200);
          board_uart_puts(USART1_BASE, "uart \\"hi\\"\\n");
          tinysim_sh_write0("console hi\\n");
          for (int i = 0; i < 600; i++) {
              scratch[i] = (char)i;
          }
          return 3 + scratch[5] - 5;
      }
      """;

  /**
   * Sums 16 KiB of flash constants four times at 7 wait states with the D-cache on: streamed line
   * fills cost a fraction of a cycle per load (model v3), carried from one execution to the next.
   * Exit status 0.
   */
  static final String FLASH_STREAM =
      """
      #include <stdint.h>
      #include "board.h"
      #define WORDS 4096
      static const uint32_t table[WORDS] = { 1, 2, 3 };
      int main(void)
      {
          board_clock_216mhz(); /* 7 wait states */
          board_dcache(1);
          uint32_t sum = 0;
          for (int pass = 0; pass < 4; pass++) {
              for (int i = 0; i < WORDS; i++) {
                  sum += ((const volatile uint32_t *)table)[i];
              }
          }
          return sum == 4 * (1 + 2 + 3) ? 0 : 1;
      }
      """;

  /** Never ends. */
  static final String SPIN =
      """
      int main(void)
      {
          for (;;) {
              __asm__ volatile("nop");
          }
      }
      """;

  /** Stops at the host sync point, as a compiled model's firmware does, and never exits. */
  static final String YIELD =
      """
      int main(void)
      {
          __asm__ volatile("bkpt 0x42");
          return 0;
      }
      """;

  private TestFirmware() {}

  /**
   * A firmware linked as if flash were 2 MB, with 1.1 MB of constants: a valid ELF that the 1 MB
   * STM32F746 cannot hold.
   */
  static Path tooBigForFlash() throws IOException, InterruptedException {
    Path dir = CliRun.buildRoot().resolve("cli-tests").resolve("toobig");
    Files.createDirectories(dir);
    CSourceTree tree = new FirmwareBuilder(Toolchain.locate(), CliRun.buildRoot()).sources();
    String script =
        Files.readString(tree.linkerScript()).replace("LENGTH = 1024K", "LENGTH = 2048K");
    Files.writeString(dir.resolve("big.ld"), script);
    Files.writeString(
        dir.resolve("toobig.c"),
        """
        const unsigned char blob[1100 * 1024] = { 1 };
        int main(void) { return blob[12345]; }
        """);
    List<String> cmd = new ArrayList<>(List.of(Toolchain.locate().gcc().toString()));
    cmd.addAll(Toolchain.CPU_FLAGS);
    cmd.addAll(
        List.of(
            "-O2",
            "-I" + tree.board(),
            "--specs=nano.specs",
            "-nostartfiles",
            "-T" + dir.resolve("big.ld"),
            "-o",
            dir.resolve("toobig.elf").toString(),
            dir.resolve("toobig.c").toString()));
    tree.boardSources().forEach(p -> cmd.add(p.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("linking toobig.elf failed: " + log);
    }
    return dir.resolve("toobig.elf");
  }

  static Path build(String name, String source) throws IOException {
    Path dir = CliRun.buildRoot().resolve("cli-tests").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".c"), source);
    return new FirmwareBuilder(Toolchain.locate(), CliRun.buildRoot())
        .build(name, dir, List.of(name + ".c"), KernelPath.DSP);
  }
}
