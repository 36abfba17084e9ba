package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tinysim new firmware DIR}: a minimal firmware project a student builds with make. */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description = "Start a project.",
    subcommands = {NewCommand.Firmware.class})
public final class NewCommand implements Runnable {

  @Override
  public void run() {
    throw new UserError("missing what to create: tinysim new firmware DIR");
  }

  /** {@code tinysim new firmware DIR}. */
  @Command(
      name = "firmware",
      mixinStandardHelpOptions = true,
      description =
          "Write a minimal STM32F746 firmware project to DIR (created; refused when "
              + "it exists and is not empty): main.c, a Makefile, a README and board/, a copy of "
              + "the board support C.")
  static final class Firmware implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Mixin BuildRoot buildDir;

    @Override
    public Integer call() {
      requireEmpty(dir);
      ProjectFiles.copyBoard(buildDir.resolve(), dir);
      ProjectFiles.writeNew(dir.resolve("main.c"), MAIN_C);
      ProjectFiles.writeNew(dir.resolve("Makefile"), MAKEFILE);
      ProjectFiles.writeNew(dir.resolve("README.md"), README);
      PrintWriter out = spec.commandLine().getOut();
      out.println("wrote " + dir.resolve("main.c") + ", Makefile, README.md and board/");
      out.println("next: cd " + dir + " && make && tinysim run build/main.elf");
      out.flush();
      return 0;
    }
  }

  static void requireEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + " exists and is not a directory");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new UserError(dir + " is not empty; give a new or empty directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  static final String MAIN_C =
      """
      /*
       * A minimal STM32F746 firmware: 216 MHz clock, a line on USART1, a DWT-timed loop.
       * Build with `make`, run with `tinysim run build/main.elf` (add --cycle-report to see
       * where the cycles go).
       */
      #include <stdint.h>
      #include <stdio.h>
      #include "board.h"

      static volatile uint32_t sink;

      int main(void)
      {
          board_clock_216mhz();
          board_uart_init(USART1_BASE, 115200);
          board_uart_puts(USART1_BASE, "hello from the STM32F746\\r\\n");

          dwt_cycles_enable();
          uint32_t start = dwt_cycles();
          for (uint32_t i = 0; i < 1000; i++) {
              sink += i;
          }
          uint32_t cycles = dwt_cycles() - start;
          printf("1000 iterations: %lu cycles\\n", (unsigned long)cycles);
          return 0;
      }
      """;

  static final String MAKEFILE =
      """
      # `make` builds build/main.elf from main.c and the board support C in board/
      # (a copy written by `tinysim new firmware`; `make BOARD=/path/to/board` uses another,
      # e.g. engine-c/src/main/c/board of a tinysim checkout). Add sources with
      # SRCS_main := foo.c bar.c; flags with CFLAGS_main. `make build/main.lst` disassembles.
      BOARD ?= board
      include $(BOARD)/firmware.mk

      SRCS_main :=

      all: $(OUT)/main.elf
      """;

  static final String README =
      """
      # STM32F746 firmware

      Written by `tinysim new firmware`. Needs `arm-none-eabi-gcc` and newlib
      (`gcc-arm-none-eabi`, `libnewlib-arm-none-eabi`), both installed by tinysim's setup.

      ```sh
      make                                   # builds build/main.elf
      tinysim run build/main.elf             # runs it on the emulated board
      tinysim run build/main.elf --cycle-report
      ```

      - `main.c`: your program. `printf` goes to the host console (semihosting);
        `board_uart_*` writes to USART1.
      - `board/`: the board support C (startup, linker script, clock, UART, SysTick, DWT;
        see `board/README.md`), copied from tinysim so the project builds on its own.
        `make BOARD=/path/to/tinysim/engine-c/src/main/c/board` builds against a checkout instead.
      - Exit status: `main`'s return value; `tinysim run` exits with it.
      """;
}
