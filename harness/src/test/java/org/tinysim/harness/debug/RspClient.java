package org.tinysim.harness.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.tinysim.emulator.debug.Rsp;

/** The GDB side of the remote protocol, enough to drive the server from a test. */
final class RspClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RspClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(60_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends a packet and returns the reply's payload (unescaped form is the caller's business). */
  String ask(String payload) throws IOException {
    send(payload);
    return reply();
  }

  void send(String payload) throws IOException {
    out.write(Rsp.frame(payload).getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  void interrupt() throws IOException {
    out.write(Rsp.INTERRUPT);
    out.flush();
  }

  String reply() throws IOException {
    int c;
    while ((c = in.read()) != '$') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
    }
    StringBuilder body = new StringBuilder();
    while ((c = in.read()) != '#') {
      body.append((char) c);
    }
    int sum = Integer.parseInt("" + (char) in.read() + (char) in.read(), 16);
    if (sum != Rsp.checksum(body.toString())) {
      throw new IOException("bad checksum on " + body);
    }
    out.write('+');
    out.flush();
    return body.toString();
  }

  /** {@code monitor command}: the console output it produced. */
  String monitor(String command) throws IOException {
    send("qRcmd," + Rsp.hex(command));
    StringBuilder text = new StringBuilder();
    String r;
    while ((r = reply()).startsWith("O") && !r.equals("OK")) {
      text.append(new String(Rsp.unhex(r.substring(1)), StandardCharsets.UTF_8));
    }
    if (!r.equals("OK")) {
      throw new IOException("monitor " + command + " answered " + r);
    }
    return text.toString();
  }

  long register(int number) throws IOException {
    return Rsp.littleEndian(Rsp.unhex(ask(String.format("p%x", number))));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
