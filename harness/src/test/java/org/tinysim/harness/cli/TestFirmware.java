package org.tinysim.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/** Small firmwares written and built by the tests themselves. */
final class TestFirmware {

  /** UART + semihosting output, 600 bytes of .bss, exit status 3. */
  static final String HELLO = """
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

  /** Never ends. */
  static final String SPIN = """
      int main(void)
      {
          for (;;) {
              __asm__ volatile("nop");
          }
      }
      """;

  private TestFirmware() {}

  static Path build(String name, String source) throws IOException {
    Path dir = CliRun.buildRoot().resolve("cli-tests").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".c"), source);
    return new FirmwareBuilder(Toolchain.locate(), CliRun.buildRoot()).build(name, dir,
        List.of(name + ".c"), KernelPath.DSP);
  }
}
