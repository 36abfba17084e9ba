package org.tinysim.harness.golden;

import java.util.Optional;
import org.tinysim.harness.golden.GoldenPaths.FileRef;

/** Where a case's input records come from. */
public sealed interface InputSpec {

  /** The files this spec reads (for skip checks). */
  java.util.List<FileRef> files();

  /**
   * Raw records: one record = every graph input's bytes concatenated in graph order.
   *
   * @param count  first N records, empty = all
   * @param labels optional labels: CSV (column {@code labelColumn}) or IDX
   */
  record RawFile(FileRef file, Optional<Integer> count, Optional<FileRef> labels,
      int labelColumn) implements InputSpec {
    @Override
    public java.util.List<FileRef> files() {
      return labels.isPresent() ? java.util.List.of(file, labels.get()) : java.util.List.of(file);
    }
  }

  /** Deterministic pseudo-random int8 records. */
  record Generated(long seed, int count) implements InputSpec {
    @Override
    public java.util.List<FileRef> files() {
      return java.util.List.of();
    }
  }

  /** IDX images + labels through a preprocessing rule; a count below the size samples evenly. */
  record DataSet(FileRef images, FileRef labels, Preprocess preprocess, Optional<Integer> count)
      implements InputSpec {
    @Override
    public java.util.List<FileRef> files() {
      return java.util.List.of(images, labels);
    }
  }

  /** How data-set bytes become int8 input bytes. */
  enum Preprocess {
    /** q = pixel - 128: int8 input with scale 1/255 and zero point -128. */
    PIXEL_MINUS_128("pixel-128"),
    /** bytes as they are. */
    RAW("raw");

    private final String text;

    Preprocess(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public byte apply(byte b) {
      return this == RAW ? b : (byte) ((b & 0xff) - 128);
    }

    static Optional<Preprocess> parse(String text) {
      for (Preprocess p : values()) {
        if (p.text.equals(text)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }
  }
}
