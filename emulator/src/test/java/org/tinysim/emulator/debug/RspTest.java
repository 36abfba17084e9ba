package org.tinysim.emulator.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The remote serial protocol's framing, checksums and escaping, without GDB or an emulator. */
class RspTest {

  @Test
  void checksumIsTheByteSumModulo256() {
    assertThat(Rsp.checksum("")).isZero();
    assertThat(Rsp.checksum("OK")).isEqualTo(0x9a);
    assertThat(Rsp.frame("OK")).isEqualTo("$OK#9a");
    // 'g' is 0x67; known from GDB traces: $g#67
    assertThat(Rsp.frame("g")).isEqualTo("$g#67");
    assertThat(Rsp.checksum("\u00ff\u00ff")).isEqualTo(0xfe);
  }

  @Test
  void reservedCharactersAreEscapedAndTheChecksumCoversTheEscapedForm() {
    String payload = "a$b#c}d*e";
    String escaped = Rsp.escape(payload);
    assertThat(escaped).isEqualTo("a}\u0004b}\u0003c}]d}\ne");
    assertThat(Rsp.frame(payload))
        .isEqualTo("$" + escaped + "#" + String.format("%02x", Rsp.checksum(escaped)));
    assertThat(new String(Rsp.unescape(escaped), StandardCharsets.ISO_8859_1)).isEqualTo(payload);
  }

  @Test
  void binaryDataRoundTripsThroughEscaping() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    String escaped = Rsp.escape(new String(all, StandardCharsets.ISO_8859_1));
    assertThat(escaped).doesNotContain("$", "#");
    assertThat(Rsp.unescape(escaped)).isEqualTo(all);
    assertThatThrownBy(() -> Rsp.unescape("ab}")).hasMessageContaining("inside an escape");
  }

  @Test
  void hexAndLittleEndianRegisterValues() {
    assertThat(Rsp.hex(new byte[] {0x00, (byte) 0xab, 0x7f})).isEqualTo("00ab7f");
    assertThat(Rsp.unhex("00ab7f")).containsExactly(0x00, 0xab, 0x7f);
    assertThat(Rsp.littleEndianHex(0x080001d1L, 4)).isEqualTo("d1010008");
    assertThat(Rsp.littleEndian(Rsp.unhex("d1010008"))).isEqualTo(0x080001d1L);
    assertThat(Rsp.littleEndianHex(0x3ff0000000000000L, 8)).isEqualTo("000000000000f03f");
    assertThat(Rsp.parseHex("E0001004")).isEqualTo(0xE0001004L);
    assertThatThrownBy(() -> Rsp.unhex("abc")).hasMessageContaining("odd number");
    assertThatThrownBy(() -> Rsp.unhex("zz")).hasMessageContaining("not hex");
    assertThatThrownBy(() -> Rsp.parseHex("12g")).hasMessageContaining("not a hex number");
  }

  @Test
  void channelAcknowledgesGoodPacketsRejectsBadOnesResendsAndPassesCtrlC() throws Exception {
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 4096);
    ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
    CountDownLatch interrupted = new CountDownLatch(1);
    try (RspChannel channel = new RspChannel(serverIn, serverOut, interrupted::countDown)) {
      write(
          toServer,
          "+$qSupported:swbreak+#" + String.format("%02x", Rsp.checksum("qSupported:swbreak+")));
      assertThat(channel.next()).isEqualTo("qSupported:swbreak+");
      write(toServer, "$m0,4#00"); // wrong checksum: refused, not delivered
      write(toServer, "$m0,4#fd");
      assertThat(channel.next()).isEqualTo("m0,4");
      channel.send("OK");
      write(toServer, "-"); // GDB did not get it: the last packet goes out again
      toServer.write(Rsp.INTERRUPT);
      toServer.flush();
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
      channel.stopAcknowledging();
      write(toServer, "$c#63");
      assertThat(channel.next()).isEqualTo("c");
      toServer.close();
      assertThat(channel.next()).isNull();
      assertThat(serverOut.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+-+$OK#9a$OK#9a");
    }
  }

  @Test
  void targetDescriptionHasTheMProfileCoreTheFpuAndTheSystemRegisters() {
    String xml = RegisterFile.targetXml();
    assertThat(xml)
        .contains(
            "<feature name=\"org.gnu.gdb.arm.m-profile\">",
            "<feature name=\"org.gnu.gdb.arm.vfp\">",
            "<feature name=\"org.gnu.gdb.arm.m-system\">",
            "name=\"xpsr\" bitsize=\"32\" regnum=\"16\"",
            "name=\"d15\" bitsize=\"64\" regnum=\"32\"",
            "name=\"fpscr\" bitsize=\"32\" regnum=\"33\"",
            "name=\"control\" bitsize=\"32\" regnum=\"39\"");
    assertThat(RegisterFile.ENTRIES).hasSize(40);
    assertThat(RegisterFile.ENTRIES.get(RegisterFile.PC).name()).isEqualTo("pc");
  }

  private static void write(PipedOutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
