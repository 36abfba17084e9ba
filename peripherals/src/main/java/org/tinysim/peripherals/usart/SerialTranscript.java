package org.tinysim.peripherals.usart;

import java.util.function.IntConsumer;

/** Collects the bytes a USART transmits, for the host to read back as text. */
public final class SerialTranscript implements IntConsumer {
  private final StringBuilder text = new StringBuilder();

  @Override
  public synchronized void accept(int octet) {
    text.append((char) (octet & 0xFF)); // ISO-8859-1: one char per byte
  }

  /** Everything transmitted so far. */
  public synchronized String text() {
    return text.toString();
  }

  public synchronized void clear() {
    text.setLength(0);
  }
}
