package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.run.RunResult;

/** Firmware driving the clock tree, UARTs, SysTick delays and GPIO through their registers. */
class BoardPeripheralFirmwareTest {

  @Test
  void standardClockSetupReaches216MHz() {
    RunResult r = BoardFirmware.run("clock216");
    assertThat(r.console())
        .contains(
            "SYSCLK 216000000",
            "HCLK 216000000",
            "PCLK1 54000000",
            "PCLK2 108000000",
            "FLASH_LATENCY 7",
            "clock ok");
    assertThat(r.exitStatus()).isZero();
    assertThat(r.coreHz()).isEqualTo(216_000_000L);
  }

  @Test
  void usart1AndUsart3TransmitToTheHost() {
    StringBuilder uart1 = new StringBuilder();
    StringBuilder uart3 = new StringBuilder();
    RunResult r =
        BoardFirmware.run(
            "uart",
            BoardFirmware.DEFAULT_BUDGET,
            board -> {
              uart1.append(board.peripherals().uartTranscript("USART1").text());
              uart3.append(board.peripherals().uartTranscript("USART3").text());
            });
    assertThat(uart1.toString()).isEqualTo("uart1 hello\n");
    assertThat(uart3.toString()).isEqualTo("uart3 hello\n");
    assertThat(r.console()).contains("BRR1 938", "BRR3 469", "uart ok");
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void halDelayStyleDelayLastsTenSysTickPeriods() {
    RunResult r = BoardFirmware.run("hal_delay");
    Matcher m = Pattern.compile("delay_ms\\(10\\) cycles (\\d+)").matcher(r.console());
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isBetween(2_138_400L, 2_181_600L);
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void gpioOutputChangesAreLogged() {
    StringBuilder log = new StringBuilder();
    RunResult r =
        BoardFirmware.run(
            "gpio_blink",
            BoardFirmware.DEFAULT_BUDGET,
            board -> log.append(String.join("\n", board.peripherals().pinLog().lines())));
    assertThat(r.exitStatus()).isZero();
    assertThat(Pattern.compile("GPIOI pin 1 -> [01]").matcher(log).results().count()).isEqualTo(4);
  }
}
