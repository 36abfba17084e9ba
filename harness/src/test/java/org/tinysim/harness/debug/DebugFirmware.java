package org.tinysim.harness.debug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.Toolchain;

/**
 * Firmware for the debugger tests, built as a student would: a Makefile including the board's
 * firmware.mk, at -Og -g so variables live where GDB can print them.
 */
final class DebugFirmware {

  /** A loop calling a small function, a volatile counter to watch, the DWT cycle counter. */
  static final String DEMO =
      """
      #include "board.h"
      #include <stdint.h>
      #include <stdio.h>

      volatile uint32_t counter;
      int32_t results[8];

      __attribute__((noinline)) int32_t scale(int32_t x, int32_t k)
      {
          int32_t y = x * k + 3;
          return y;
      }

      int main(void)
      {
          dwt_cycles_enable();
          int32_t total = 0;
          for (int i = 0; i < 8; i++) {
              results[i] = scale(i, 5);
              total += results[i];
              counter = counter + 1;
          }
          printf("total %ld\\n", (long)total);
          return total == 164 ? 0 : 1;
      }
      """;

  /** Reads from unmapped memory (external memory that is not there) two calls deep. */
  static final String FAULT =
      """
      #include <stdint.h>

      __attribute__((noinline)) uint32_t read_sensor(uint32_t offset)
      {
          volatile uint32_t *fmc = (volatile uint32_t *)(0x60000000u + offset);
          return *fmc;
      }

      int main(void)
      {
          return (int)read_sensor(0);
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

  private DebugFirmware() {}

  static Path build(String name, String source) throws IOException, InterruptedException {
    Path root = Path.of("target", "tinysim-build").toAbsolutePath();
    Path dir = root.resolve("debug-tests").resolve(name);
    Files.createDirectories(dir);
    Path board = new FirmwareBuilder(Toolchain.locate(), root).sources().board();
    Files.writeString(dir.resolve(name + ".c"), source);
    Files.writeString(
        dir.resolve("Makefile"),
        "BOARD := "
            + board
            + "\nOPT := -Og -g\n"
            + "include $(BOARD)/firmware.mk\nall: $(OUT)/"
            + name
            + ".elf\n");
    Process make =
        new ProcessBuilder(
                "make",
                "-s",
                "-C",
                dir.toString(),
                "OUT=build",
                "CROSS=" + Toolchain.locate().gcc().toString().replaceFirst("gcc$", ""))
            .redirectErrorStream(true)
            .start();
    String log = new String(make.getInputStream().readAllBytes());
    if (make.waitFor() != 0) {
      throw new IllegalStateException("building " + name + " failed:\n" + log);
    }
    return dir.resolve("build").resolve(name + ".elf");
  }
}
