package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.harness.golden.GoldenPaths.FileRef;
import org.tinysim.harness.golden.InputSpec.Preprocess;

class InputLoaderTest {

  @TempDir Path dir;

  /** 10 "images" of 4 pixels; image k holds k*10 .. k*10+3; label = k % 3. */
  private InputSpec.DataSet dataSet(Preprocess rule, Optional<Integer> count) throws IOException {
    ByteBuffer images = ByteBuffer.allocate(4 + 12 + 40);
    images.putInt(0x00000803).putInt(10).putInt(2).putInt(2);
    ByteBuffer labels = ByteBuffer.allocate(8 + 10);
    labels.putInt(0x00000801).putInt(10);
    for (int k = 0; k < 10; k++) {
      for (int p = 0; p < 4; p++) {
        images.put((byte) (k * 10 + p));
      }
      labels.put((byte) (k % 3));
    }
    Path img = dir.resolve("img-idx3-ubyte.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(img))) {
      out.write(images.array());
    }
    Path lab = Files.write(dir.resolve("lab-idx1-ubyte"), labels.array());
    return new InputSpec.DataSet(
        new FileRef("img", img, false), new FileRef("lab", lab, false), rule, count);
  }

  @Test
  void sampleOfADataSetIsEvenlySpacedWithItsLabels() throws IOException {
    InputSet s =
        InputLoader.load(dataSet(Preprocess.PIXEL_MINUS_128, Optional.of(4)), 4, Optional.empty());

    assertThat(s.indexes()).containsExactly(0, 2, 5, 7);
    assertThat(s.labels()).get().isEqualTo(new int[] {0, 2, 2, 1});
    assertThat(s.records().get(1)).containsExactly(20 - 128, 21 - 128, 22 - 128, 23 - 128);
    assertThat(s.sampled()).isTrue();
    assertThat(s.available()).isEqualTo(10);
  }

  @Test
  void countOverrideAndWholeSet() throws IOException {
    InputSpec.DataSet spec = dataSet(Preprocess.RAW, Optional.empty());
    assertThat(InputLoader.load(spec, 4, Optional.empty()).sampled()).isFalse();
    assertThat(InputLoader.load(spec, 4, Optional.of(2)).indexes()).containsExactly(0, 5);
  }

  @Test
  void floatRuleMakesFourBytesPerPixel() throws IOException {
    InputSet s =
        InputLoader.load(
            dataSet(Preprocess.PIXEL_UNIT_FLOAT, Optional.of(1)), 16, Optional.empty());
    ByteBuffer b = ByteBuffer.wrap(s.records().get(0)).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(b.getFloat(0)).isEqualTo(0f);
    assertThat(b.getFloat(12)).isEqualTo(3 / 255f);
    assertThatThrownBy(
            () -> InputLoader.load(dataSet(Preprocess.RAW, Optional.empty()), 16, Optional.empty()))
        .hasMessageContaining("items of 4 bytes ([10, 2, 2]) but the model " + "takes 16");
  }

  @Test
  void rawFilesConcatenateAndTakeCsvLabels() throws IOException {
    Path a = Files.write(dir.resolve("a.bin"), new byte[] {1, 2, 3, 4});
    Path b = Files.write(dir.resolve("b.bin"), new byte[] {5, 6});
    Path csv = Files.writeString(dir.resolve("l.csv"), "index,label\n0,7\n1,8\n2,9\n");
    InputSpec.RawFile spec =
        new InputSpec.RawFile(
            List.of(new FileRef("a.bin", a, false), new FileRef("b.bin", b, false)),
            Optional.empty(),
            Optional.of(
                new InputSpec.Labels(Optional.of(new FileRef("l.csv", csv, false)), 1, new int[0])),
            Preprocess.RAW);
    InputSet s = InputLoader.load(spec, 2, Optional.empty());

    assertThat(s.records()).hasSize(3);
    assertThat(s.records().get(2)).containsExactly(5, 6);
    assertThat(s.labels()).get().isEqualTo(new int[] {7, 8, 9});
    assertThatThrownBy(() -> InputLoader.load(spec, 4, Optional.empty()))
        .hasMessageContaining("b.bin: 2 bytes is not a whole number of 4-byte records");
  }

  @Test
  void generatedRecordsAreDeterministicPerSeed() {
    InputSet one =
        InputLoader.load(new InputSpec.Generated(9, 2, Preprocess.RAW), 8, Optional.empty());
    InputSet again =
        InputLoader.load(new InputSpec.Generated(9, 2, Preprocess.RAW), 8, Optional.empty());
    InputSet other =
        InputLoader.load(new InputSpec.Generated(10, 2, Preprocess.RAW), 8, Optional.empty());

    assertThat(one.records().get(1))
        .isEqualTo(again.records().get(1))
        .isNotEqualTo(other.records().get(1));
    assertThat(one.records().get(0)).isNotEqualTo(one.records().get(1));
  }
}
