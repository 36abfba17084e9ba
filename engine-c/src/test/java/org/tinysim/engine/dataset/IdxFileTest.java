package org.tinysim.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

  @TempDir Path dir;

  /** IDX bytes: 3 images of 2x2 with values 0..11 (last one 255). */
  private static byte[] threeImages() {
    byte[] header = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2};
    byte[] all = Arrays.copyOf(header, header.length + 12);
    for (int i = 0; i < 12; i++) {
      all[header.length + i] = (byte) i;
    }
    all[all.length - 1] = (byte) 255;
    return all;
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(raw);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  @Test
  void readsPlainAndGzipAlike() throws IOException {
    IdxFile plain = IdxFile.read(write("plain", threeImages()));
    IdxFile gz = IdxFile.read(write("packed.gz", gzip(threeImages())));
    for (IdxFile f : new IdxFile[] {plain, gz}) {
      assertThat(f.dims()).containsExactly(3, 2, 2);
      assertThat(f.count()).isEqualTo(3);
      assertThat(f.itemSize()).isEqualTo(4);
      assertThat(f.item(1)).containsExactly(4, 5, 6, 7);
      assertThat(f.item(2)[3] & 0xff).isEqualTo(255);
    }
  }

  @Test
  void rejectsWrongMagicTypeAndRank() throws IOException {
    byte[] magic = threeImages();
    magic[0] = 0x50;
    assertThatThrownBy(() -> IdxFile.read(write("m", magic)))
        .hasMessageContaining("not an IDX file")
        .hasMessageContaining(dir.resolve("m").toString());
    byte[] type = threeImages();
    type[2] = 0x0d; // float
    assertThatThrownBy(() -> IdxFile.read(write("t", type)))
        .hasMessageContaining("0x0d")
        .hasMessageContaining("unsigned byte");
    byte[] rank = threeImages();
    rank[3] = 0;
    assertThatThrownBy(() -> IdxFile.read(write("r", rank))).hasMessageContaining("rank 0");
  }

  @Test
  void rejectsBadDimensionsTruncationAndTrailingBytes() throws IOException {
    byte[] zeroDim = threeImages();
    zeroDim[11] = 0;
    assertThatThrownBy(() -> IdxFile.read(write("z", zeroDim)))
        .hasMessageContaining("dimension 1 is 0");
    byte[] huge = threeImages();
    huge[4] = 0x7f;
    assertThatThrownBy(() -> IdxFile.read(write("h", huge))).hasMessageContaining("more than 2^31");
    byte[] cut = Arrays.copyOf(threeImages(), 20);
    assertThatThrownBy(() -> IdxFile.read(write("c", cut)))
        .hasMessageContaining("truncated")
        .hasMessageContaining("after 4 of 12 bytes");
    assertThatThrownBy(() -> IdxFile.read(write("cg.gz", gzip(Arrays.copyOf(threeImages(), 10)))))
        .hasMessageContaining("truncated")
        .hasMessageContaining("dimension sizes");
    byte[] extra = Arrays.copyOf(threeImages(), 29);
    assertThatThrownBy(() -> IdxFile.read(write("x", extra)))
        .hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> IdxFile.read(write("e", new byte[0])))
        .hasMessageContaining("truncated");
  }
}
