package org.tinysim.harness.golden;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.tinysim.harness.golden.GoldenPaths.FileRef;

/** Where a case's input records come from, and how source bytes become input bytes. */
public sealed interface InputSpec {

  /** The files this spec reads (for skip checks). */
  List<FileRef> files();

  Preprocess preprocess();

  /**
   * Raw records from one or more files read one after the other.
   *
   * @param count first N records, empty = all
   * @param labels expected class per record, if known
   */
  record RawFile(
      List<FileRef> sources,
      Optional<Integer> count,
      Optional<Labels> labels,
      Preprocess preprocess)
      implements InputSpec {
    public RawFile {
      sources = List.copyOf(sources);
    }

    @Override
    public List<FileRef> files() {
      List<FileRef> all = new java.util.ArrayList<>(sources);
      labels.flatMap(Labels::file).ifPresent(all::add);
      return all;
    }
  }

  /** Deterministic pseudo-random source bytes ({@code SplittableRandom(seed)}). */
  record Generated(long seed, int count, Preprocess preprocess) implements InputSpec {
    @Override
    public List<FileRef> files() {
      return List.of();
    }
  }

  /** IDX images + labels; a count below the size samples evenly. */
  record DataSet(FileRef images, FileRef labels, Preprocess preprocess, Optional<Integer> count)
      implements InputSpec {
    @Override
    public List<FileRef> files() {
      return List.of(images, labels);
    }
  }

  /** Labels: listed inline, or a file (CSV column {@code column}, or IDX). */
  record Labels(Optional<FileRef> file, int column, int[] values) {}

  /** How source bytes become the model's input bytes. */
  enum Preprocess {
    /** bytes as they are. */
    RAW("raw", 1),
    /** uint8 pixel p -> int8 p - 128: input scale 1/255, zero point -128. */
    PIXEL_MINUS_128("pixel-128", 1),
    /** uint8 pixel p -> float32 p / 255. */
    PIXEL_UNIT_FLOAT("pixel/255", 4),
    /** uint8 pixel p -> float32 p / 127.5 - 1. */
    PIXEL_SIGNED_FLOAT("pixel/127.5-1", 4);

    private final String text;
    private final int bytesPerSourceByte;

    Preprocess(String text, int bytesPerSourceByte) {
      this.text = text;
      this.bytesPerSourceByte = bytesPerSourceByte;
    }

    public String text() {
      return text;
    }

    /** Input bytes made from one source byte. */
    public int expansion() {
      return bytesPerSourceByte;
    }

    public byte[] apply(byte[] source) {
      if (this == RAW) {
        return source.clone();
      }
      if (this == PIXEL_MINUS_128) {
        byte[] out = new byte[source.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) ((source[i] & 0xff) - 128);
        }
        return out;
      }
      ByteBuffer out = ByteBuffer.allocate(source.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (byte b : source) {
        int p = b & 0xff;
        out.putFloat(this == PIXEL_UNIT_FLOAT ? p / 255f : p / 127.5f - 1f);
      }
      return out.array();
    }

    static Optional<Preprocess> parse(String text) {
      for (Preprocess p : values()) {
        if (p.text.equals(text)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }

    static String known() {
      return String.join(", ", java.util.Arrays.stream(values()).map(Preprocess::text).toList());
    }
  }
}
