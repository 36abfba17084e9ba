package org.tinysim.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

  @Test
  void matchesTheStandardTestVectorWholeOrPieceByPiece() {
    // FIPS 180-2 example "abc".
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(abc);
    assertThat(Sha256.start().add("a").add(new byte[] {'b'}).add("c").hex()).isEqualTo(abc);
  }
}
