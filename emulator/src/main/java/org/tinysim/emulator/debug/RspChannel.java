package org.tinysim.emulator.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One GDB connection's packet layer. A reader thread parses the byte stream: checks each packet's
 * checksum (answering {@code +} or {@code -} while acknowledgements are on), resends on {@code -},
 * and passes Ctrl-C ({@code 0x03}) straight to the interrupt handler, since it arrives while the
 * emulating thread is busy running the firmware.
 */
final class RspChannel implements AutoCloseable {
  private static final String END = "\u0000end";

  private final InputStream in;
  private final OutputStream out;
  private final Runnable onInterrupt;
  private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean acknowledging = true;
  private String lastSent;

  RspChannel(InputStream in, OutputStream out, Runnable onInterrupt) {
    this.in = in;
    this.out = out;
    this.onInterrupt = onInterrupt;
    this.reader = new Thread(this::readLoop, "gdb-rsp-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next packet's payload (still escaped as sent); null once the peer has gone. */
  String next() throws InterruptedException {
    String p = packets.take();
    if (p == END) {
      packets.add(END);
      return null;
    }
    return p;
  }

  synchronized void send(String payload) throws IOException {
    lastSent = Rsp.frame(payload);
    out.write(lastSent.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** After QStartNoAckMode: neither side sends {@code +}/{@code -} any more. */
  void stopAcknowledging() {
    acknowledging = false;
  }

  private synchronized void ack(char c) throws IOException {
    if (acknowledging) {
      out.write(c);
      out.flush();
    }
  }

  private synchronized void resend() throws IOException {
    if (lastSent != null) {
      out.write(lastSent.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  private void readLoop() {
    try {
      StringBuilder body = null;
      int c;
      while ((c = in.read()) >= 0) {
        if (body == null) {
          if (c == '$') {
            body = new StringBuilder();
          } else if (c == Rsp.INTERRUPT) {
            onInterrupt.run();
          } else if (c == '-') {
            resend();
          }
          continue;
        }
        if (c != '#') {
          body.append((char) c);
          continue;
        }
        int hi = in.read();
        int lo = in.read();
        if (hi < 0 || lo < 0) {
          break;
        }
        int sent = Character.digit(hi, 16) * 16 + Character.digit(lo, 16);
        String payload = body.toString();
        body = null;
        if (sent == Rsp.checksum(payload)) {
          ack('+');
          packets.add(payload);
        } else {
          ack('-');
        }
      }
    } catch (IOException closed) {
      // The peer went away: same as end of stream.
    } finally {
      packets.add(END);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
    out.close();
  }
}
