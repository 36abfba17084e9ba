package org.tinysim.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  @Test
  void missingDataSetNamesTheInstallCommand(@TempDir Path empty) {
    assertThat(FashionMnist.isInstalled(empty)).isFalse();
    assertThatThrownBy(() -> FashionMnist.load(empty, "train"))
        .hasMessageContaining("apt-get install -y dataset-fashion-mnist")
        .hasMessageContaining(empty.toString());
  }

  @Test
  void labelsOutsideTheClassesAreRejected(@TempDir Path dir) throws IOException {
    Files.write(
        dir.resolve("t10k-images-idx3-ubyte"),
        withHeader(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28}, 28 * 28));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 12});
    assertThatThrownBy(() -> FashionMnist.load(dir, "t10k"))
        .hasMessageContaining("label 12 at index 0");
  }

  @Test
  void installedTestSplitHasTenThousandLabelledImages() {
    assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST not installed");
    LabelledImages test = FashionMnist.test();
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(test.image(0)).hasSize(784);
    int[] perClass = new int[10];
    for (int i = 0; i < test.size(); i++) {
      perClass[test.label(i)]++;
    }
    assertThat(perClass).containsOnly(1000); // the test split is balanced
    assertThat(FashionMnist.CLASS_NAMES.get(9)).isEqualTo("Ankle boot");
  }

  private static byte[] withHeader(byte[] header, int values) {
    return java.util.Arrays.copyOf(header, header.length + values);
  }
}
