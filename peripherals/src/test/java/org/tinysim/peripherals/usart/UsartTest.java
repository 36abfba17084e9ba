package org.tinysim.peripherals.usart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsartTest {
  private static final long CR1 = 0x00;
  private static final long ISR = 0x1C;
  private static final long ICR = 0x20;
  private static final long RDR = 0x24;
  private static final long TDR = 0x28;
  private static final long UE = 1;
  private static final long RE = 1 << 2;
  private static final long TE = 1 << 3;
  private static final long RXNEIE = 1 << 5;
  private static final long TCIE = 1 << 6;
  private static final long TXEIE = 1 << 7;
  private static final long RXNE = 1 << 5;
  private static final long TC = 1 << 6;
  private static final long TXE = 1 << 7;
  private static final long TEACK = 1 << 21;
  private static final long REACK = 1 << 22;

  private final Usart usart = new Usart("USART1");
  private final SerialTranscript transcript = new SerialTranscript();
  private final List<Boolean> irqLevels = new ArrayList<>();

  UsartTest() {
    usart.addTransmitListener(transcript);
    usart.irq().connect(irqLevels::add);
  }

  @Test
  void resetStatusHasTransmitterEmptyAndComplete() {
    assertThat(usart.read(ISR, 4)).isEqualTo(0x020000C0L);
  }

  @Test
  void enabledTransmitterAppendsBytesToTheTranscript() {
    usart.write(CR1, 4, UE | TE);
    for (char c : "hi\n".toCharArray()) {
      usart.write(TDR, 4, c);
    }
    assertThat(transcript.text()).isEqualTo("hi\n");
    assertThat(usart.read(ISR, 4) & (TXE | TC | TEACK)).isEqualTo(TXE | TC | TEACK);
  }

  @Test
  void disabledTransmitterDropsBytes() {
    usart.write(CR1, 4, TE);
    usart.write(TDR, 4, 'x');
    usart.write(CR1, 4, UE);
    usart.write(TDR, 4, 'y');
    assertThat(transcript.text()).isEmpty();
  }

  @Test
  void transmissionCompleteIsClearedByIcrAndSetAgainByTheNextByte() {
    usart.write(CR1, 4, UE | TE);
    usart.write(ICR, 4, 1 << 6); // TCCF
    assertThat(usart.read(ISR, 4) & TC).isZero();
    usart.write(TDR, 4, 'a');
    assertThat(usart.read(ISR, 4) & TC).isEqualTo(TC);
  }

  @Test
  void injectedBytesAreReadInOrderOnceTheReceiverIsOn() {
    usart.receive("ok");
    assertThat(usart.read(ISR, 4) & RXNE).as("receiver still off").isZero();
    usart.write(CR1, 4, UE | RE);
    assertThat(usart.read(ISR, 4) & (RXNE | REACK)).isEqualTo(RXNE | REACK);
    assertThat(usart.read(RDR, 4)).isEqualTo('o');
    assertThat(usart.read(RDR, 4)).isEqualTo('k');
    assertThat(usart.read(ISR, 4) & RXNE).isZero();
  }

  @Test
  void receiveInterruptFollowsRxneWhenEnabled() {
    usart.write(CR1, 4, UE | RE | RXNEIE);
    assertThat(usart.irq().isHigh()).isFalse();
    usart.receive((byte) 0x55);
    assertThat(usart.irq().isHigh()).isTrue();
    usart.read(RDR, 4);
    assertThat(usart.irq().isHigh()).isFalse();
    assertThat(irqLevels).containsExactly(true, false);
  }

  @Test
  void transmitInterruptsFollowTheirEnables() {
    usart.write(CR1, 4, UE | TE | TXEIE);
    assertThat(usart.irq().isHigh()).isTrue();
    usart.write(CR1, 4, UE | TE | TCIE);
    assertThat(usart.irq().isHigh()).isTrue();
    usart.write(ICR, 4, 1 << 6);
    assertThat(usart.irq().isHigh()).isFalse();
  }

  @Test
  void flushRequestDropsTheWaitingByte() {
    usart.write(CR1, 4, UE | RE);
    usart.receive("ab");
    usart.write(0x18, 4, 1 << 3); // RQR.RXFRQ
    assertThat(usart.read(RDR, 4)).isEqualTo('b');
  }
}
