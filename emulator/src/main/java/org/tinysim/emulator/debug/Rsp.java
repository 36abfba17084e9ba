package org.tinysim.emulator.debug;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The GDB remote serial protocol's encoding: {@code $payload#cs} packets with a modulo-256
 * checksum, binary data escaped as {@code 0x7d, byte ^ 0x20}, numbers and memory as hex. Payloads
 * are byte strings; they are held as ISO-8859-1 text so every byte is one char.
 */
public final class Rsp {
  /** The interrupt GDB sends while the target runs (Ctrl-C). */
  public static final int INTERRUPT = 0x03;

  private static final char ESCAPE = '}';

  private Rsp() {}

  public static int checksum(String payload) {
    int sum = 0;
    for (int i = 0; i < payload.length(); i++) {
      sum += payload.charAt(i) & 0xff;
    }
    return sum & 0xff;
  }

  /** {@code $payload#cs}, with the characters the framing reserves escaped. */
  public static String frame(String payload) {
    String escaped = escape(payload);
    return "$" + escaped + "#" + String.format("%02x", checksum(escaped));
  }

  public static String escape(String payload) {
    StringBuilder out = new StringBuilder(payload.length());
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c == '$' || c == '#' || c == ESCAPE || c == '*') {
        out.append(ESCAPE).append((char) (c ^ 0x20));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The bytes of an escaped binary field (the data of an {@code X} packet). */
  public static byte[] unescape(String data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == ESCAPE) {
        if (++i == data.length()) {
          throw new IllegalArgumentException("binary data ends inside an escape");
        }
        out.write(data.charAt(i) ^ 0x20);
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  public static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }

  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] unhex(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits in '" + hex + "'");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not hex: '" + hex + "'");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** A register value as the target sends it: little-endian bytes in hex. */
  public static String littleEndianHex(long value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = (byte) (value >>> (8 * i));
    }
    return hex(out);
  }

  public static long littleEndian(byte[] bytes) {
    long value = 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return value;
  }

  public static long parseHex(String text) {
    try {
      return Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a hex number: '" + text + "'");
    }
  }
}
