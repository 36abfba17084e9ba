package org.tinysim.engine.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 28x28 grey images of 10 clothing classes, 60k train / 10k test, as
 * installed by Debian's {@code dataset-fashion-mnist} package.
 */
public final class FashionMnist {

  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  public static final int ROWS = 28;
  public static final int COLS = 28;
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private FashionMnist() {}

  /** Whether the data set is installed in {@link #DEFAULT_DIR}. */
  public static boolean isInstalled() {
    return isInstalled(DEFAULT_DIR);
  }

  public static boolean isInstalled(Path dir) {
    return Files.isRegularFile(find(dir, "train-images-idx3-ubyte"))
        && Files.isRegularFile(find(dir, "t10k-labels-idx1-ubyte"));
  }

  public static LabelledImages train() {
    return load(DEFAULT_DIR, "train");
  }

  public static LabelledImages test() {
    return load(DEFAULT_DIR, "t10k");
  }

  /** Loads split {@code prefix} ("train" or "t10k") from {@code dir}. */
  public static LabelledImages load(Path dir, String prefix) {
    Path images = find(dir, prefix + "-images-idx3-ubyte");
    Path labels = find(dir, prefix + "-labels-idx1-ubyte");
    if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
      throw new IllegalStateException(
          "Fashion-MNIST not found: "
              + images
              + " / "
              + labels
              + " missing; install it with `apt-get install -y dataset-fashion-mnist`");
    }
    try {
      IdxFile img = IdxFile.read(images);
      IdxFile lab = IdxFile.read(labels);
      if (img.dims().length != 3 || img.dims()[1] != ROWS || img.dims()[2] != COLS) {
        throw new IllegalStateException(
            images
                + ": expected images of 28x28, got dimensions "
                + java.util.Arrays.toString(img.dims()));
      }
      if (lab.dims().length != 1 || lab.count() != img.count()) {
        throw new IllegalStateException(
            labels
                + ": expected "
                + img.count()
                + " labels, got dimensions "
                + java.util.Arrays.toString(lab.dims()));
      }
      return LabelledImages.of(img, lab.data(), CLASS_NAMES.size(), labels.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gzip file if present, else the plain one (the returned path may not exist). */
  private static Path find(Path dir, String base) {
    Path gz = dir.resolve(base + ".gz");
    return Files.isRegularFile(gz) ? gz : dir.resolve(base);
  }
}
