package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.peripherals.testing.CountingSignal;
import org.tinysim.peripherals.testing.FakeClock;
import org.tinysim.peripherals.testing.TestBus;
import org.tinysim.peripherals.usart.Usart;

class Stm32f746PeripheralsTest {
  private static final long RCC_CR = 0x40023800L;
  private static final long RCC_PLLCFGR = 0x40023804L;
  private static final long RCC_CFGR = 0x40023808L;
  private static final long RCC_APB1ENR = 0x40023840L;
  private static final long PWR_CR1 = 0x40007000L;
  private static final long PWR_CSR1 = 0x40007004L;
  private static final long FLASH_ACR = 0x40023C00L;
  private static final long USART1 = 0x40011000L;
  private static final long USART6 = 0x40011400L;
  private static final long NVIC_ISER1 = 0xE000E104L;

  private final FakeClock clock = new FakeClock();
  private final CountingSignal signal = new CountingSignal();
  private final Stm32f746Peripherals board =
      new Stm32f746Peripherals(clock, signal, BoardConfig.disco());
  private final TestBus bus = new TestBus(board.mappings());

  @Test
  void deviceWindowsDoNotOverlap() {
    List<DeviceMapping> mappings = board.mappings();
    for (int i = 1; i < mappings.size(); i++) {
      assertThat(mappings.get(i).baseAddress())
          .as("%s after %s", mappings.get(i).device().name(), mappings.get(i - 1).device().name())
          .isGreaterThanOrEqualTo(mappings.get(i - 1).endAddress());
    }
  }

  @Test
  void usart1AndUsart6ShareAPageButAreDistinctDevices() {
    assertThat(USART1 >>> 12).isEqualTo(USART6 >>> 12);
    bus.write(USART1, 0b1001);
    bus.write(USART1 + 0x28, 'A');
    bus.write(USART6, 0b1001);
    bus.write(USART6 + 0x28, 'B');
    assertThat(board.uartTranscript("USART1").text()).isEqualTo("A");
    assertThat(board.uartTranscript("USART6").text()).isEqualTo("B");
  }

  @Test
  void uartNamesAreTheTablesUsartsEachWithATranscript() {
    assertThat(Stm32f746Peripherals.uartNames())
        .containsExactly(
            "USART1", "USART2", "USART3", "UART4", "UART5", "USART6", "UART7", "UART8");
    for (String name : Stm32f746Peripherals.uartNames()) {
      assertThat(board.usart(name).name()).isEqualTo(name);
      assertThat(board.uartTranscript(name).text()).isEmpty();
    }
  }

  @Test
  void standardHsePllSequenceReaches216MHz() {
    bus.setBits(RCC_APB1ENR, 1L << 28); // PWREN
    bus.setBits(RCC_CR, 1L << 16); // HSEON
    bus.waitFor(RCC_CR, 1L << 17); // HSERDY
    bus.write(RCC_PLLCFGR, 25 | (432L << 6) | (0L << 16) | (1L << 22) | (9L << 24));
    bus.setBits(RCC_CR, 1L << 24); // PLLON
    bus.waitFor(RCC_CR, 1L << 25); // PLLRDY
    bus.setBits(PWR_CR1, 1L << 16); // ODEN
    bus.waitFor(PWR_CSR1, 1L << 16); // ODRDY
    bus.setBits(PWR_CR1, 1L << 17); // ODSWEN
    bus.waitFor(PWR_CSR1, 1L << 17); // ODSWRDY
    bus.write(FLASH_ACR, 7 | (1 << 8) | (1 << 9));
    assertThat(bus.read(FLASH_ACR) & 0xF).isEqualTo(7);
    bus.write(RCC_CFGR, 2 | (0b101L << 10) | (0b100L << 13));
    bus.waitFor(RCC_CFGR, 0b1000); // SWS = PLL

    assertThat(board.clockControl().sysclkHz()).isEqualTo(216_000_000L);
    assertThat(board.clockControl().hclkHz()).isEqualTo(216_000_000L);
    assertThat(board.clockControl().pclk1Hz()).isEqualTo(54_000_000L);
    assertThat(board.clockControl().pclk2Hz()).isEqualTo(108_000_000L);
    assertThat(board.flashLatency().waitStates()).isEqualTo(7);
  }

  @Test
  void usartInterruptReachesTheNvicAsIrq37() {
    bus.write(NVIC_ISER1, 1L << 5);
    Usart usart1 = board.usart("USART1");
    bus.write(USART1, 0b100101); // UE, RE, RXNEIE
    usart1.receive("x");
    int exception = ExceptionNumber.FIRST_IRQ + 37;
    assertThat(board.exceptions().isPending(exception)).isTrue();
    assertThat(board.interruptController().highestPendingPreempting(256)).isEqualTo(exception);
    assertThat(signal.requests()).isPositive();
  }

  @Test
  void sysTickWrapPendsExceptionFifteen() {
    bus.write(0xE000E014L, 99);
    bus.write(0xE000E018L, 0);
    bus.write(0xE000E010L, 0b111);
    clock.advanceTo(100);
    assertThat(board.exceptions().isPending(ExceptionNumber.SYS_TICK)).isTrue();
    assertThat(board.interruptController().highestPendingPreempting(256))
        .isEqualTo(ExceptionNumber.SYS_TICK);
  }

  @Test
  void dwtCountsAfterTheStandardEnableSequence() {
    bus.setBits(0xE000EDFCL, 1L << 24); // DEMCR.TRCENA
    bus.write(0xE0001FB0L, 0xC5ACCE55L); // DWT LAR
    bus.write(0xE0001004L, 0);
    bus.setBits(0xE0001000L, 1);
    clock.advanceTo(4_321);
    assertThat(bus.read(0xE0001004L)).isEqualTo(4_321);
  }

  @Test
  void gpioChangesGoToTheBoardPinLog() {
    clock.advanceTo(77);
    bus.write(0x40022018L, 1 << 1); // GPIOI BSRR
    assertThat(board.pinLog().lines()).containsExactly("GPIOI pin 1 -> 1 at cycle 77");
    assertThat(board.gpio('I').outputLevel(1)).isTrue();
  }

  @Test
  void interruptControllerTypeReportsFourNvicWords() {
    assertThat(bus.read(0xE000E004L)).isEqualTo(3);
  }

  @Test
  void resetRequestAndExtraPinListenersAreForwarded() {
    int[] resets = {0};
    List<String> pins = new ArrayList<>();
    board.addResetRequestListener(() -> resets[0]++);
    board.addPinChangeListener((port, pin, level, cycle) -> pins.add(port + pin));
    bus.write(0xE000ED0CL, 0x05FA0004L);
    bus.write(0x40020C18L, 1 << 12); // GPIOD BSRR
    assertThat(resets[0]).isEqualTo(1);
    assertThat(pins).containsExactly("GPIOD12");
  }

  @Test
  void resetRestoresRegistersAndExceptionState() {
    bus.write(FLASH_ACR, 5);
    board.exceptions().setPending(ExceptionNumber.PEND_SV);
    board.reset();
    assertThat(board.flashLatency().waitStates()).isZero();
    assertThat(board.exceptions().isPending(ExceptionNumber.PEND_SV)).isFalse();
  }

  @Test
  void unknownNamesAndWrongTypesAreReported() {
    assertThatThrownBy(() -> board.uartTranscript("USART9"))
        .hasMessageContaining("no USART named USART9");
    assertThatThrownBy(() -> board.device("RCC", Usart.class))
        .hasMessageContaining("RCC is a Rcc, not a Usart");
  }

  @Test
  void devicesAreNamedAndPlacedAsTheirTableRows() {
    for (DeviceEntry entry : Stm32f746Peripherals.DEVICE_TABLE) {
      assertThat(board.mappings())
          .as(entry.name())
          .anyMatch(m -> m.baseAddress() == entry.base() && m.device().name().equals(entry.name()));
    }
  }

  @Test
  void everyTableRowBecomesOneMapping() {
    assertThat(board.mappings()).hasSize(Stm32f746Peripherals.DEVICE_TABLE.size());
    assertThat(board.mappings())
        .extracting(m -> m.device().name())
        .contains(
            "RCC", "USART1", "USART3", "USART6", "GPIOA", "GPIOK", "SysTick", "NVIC", "SCB", "DWT");
  }
}
