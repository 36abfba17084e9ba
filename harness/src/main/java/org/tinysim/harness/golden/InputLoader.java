package org.tinysim.harness.golden;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.zip.GZIPInputStream;
import org.tinysim.engine.dataset.IdxFile;
import org.tinysim.harness.golden.GoldenPaths.FileRef;
import org.tinysim.harness.golden.InputSpec.Preprocess;

/** Turns an {@link InputSpec} into records of exactly the model's input size. */
public final class InputLoader {

  private InputLoader() {}

  /** {@code count} overrides the case's count (a quick sample from the command line). */
  public static InputSet load(InputSpec spec, int recordBytes, Optional<Integer> count) {
    Preprocess rule = spec.preprocess();
    if (recordBytes % rule.expansion() != 0) {
      throw new CaseFormatException(
          "preprocess "
              + rule.text()
              + " makes "
              + rule.expansion()
              + "-byte values, but the model's input is "
              + recordBytes
              + " bytes");
    }
    int sourceBytes = recordBytes / rule.expansion();
    if (spec instanceof InputSpec.RawFile f) {
      return raw(f, sourceBytes, count.or(f::count));
    }
    if (spec instanceof InputSpec.Generated g) {
      return generated(g, sourceBytes, count.orElse(g.count()));
    }
    InputSpec.DataSet d = (InputSpec.DataSet) spec;
    return dataSet(d, sourceBytes, count.or(d::count));
  }

  /**
   * How many records {@link #load} gives, without preparing them; {@code recordBytes} is asked only
   * for a raw file without a count.
   */
  public static int size(InputSpec spec, IntSupplier recordBytes, Optional<Integer> count) {
    if (count.isPresent()) {
      return count.get();
    }
    if (spec instanceof InputSpec.Generated g) {
      return g.count();
    }
    if (spec instanceof InputSpec.RawFile f) {
      if (f.count().isPresent()) {
        return f.count().get();
      }
      long bytes = f.sources().stream().mapToLong(file -> read(file).length).sum();
      return (int) (bytes / (recordBytes.getAsInt() / f.preprocess().expansion()));
    }
    InputSpec.DataSet d = (InputSpec.DataSet) spec;
    return d.count().orElseGet(() -> idx(d.images()).dims()[0]);
  }

  /**
   * A raw input file holds whole records, else it was cut or made for another model; golden and the
   * {@code infer}/{@code report} commands refuse it alike.
   */
  public static void requireWholeRecords(
      String file, long bytes, long recordBytes, String beforePreprocess) {
    if (bytes % recordBytes != 0) {
      throw new CaseFormatException(
          String.format(
              "inputs %s: %d bytes is not a whole number "
                  + "of %d-byte records (the model's input%s)",
              file, bytes, recordBytes, beforePreprocess));
    }
  }

  private static InputSet raw(InputSpec.RawFile f, int sourceBytes, Optional<Integer> count) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (FileRef file : f.sources()) {
      byte[] data = read(file);
      requireWholeRecords(
          file.text(),
          data.length,
          sourceBytes,
          f.preprocess() == Preprocess.RAW ? "" : " before " + f.preprocess().text());
      all.writeBytes(data);
    }
    byte[] data = all.toByteArray();
    int available = data.length / sourceBytes;
    int n = count.orElse(available);
    if (n > available) {
      throw new CaseFormatException(
          String.format(
              "inputs %s: %d records of %d bytes, count " + "asks for %d",
              names(f.sources()), available, sourceBytes, n));
    }
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          f.preprocess().apply(Arrays.copyOfRange(data, i * sourceBytes, (i + 1) * sourceBytes)));
    }
    Optional<int[]> labels =
        f.labels()
            .map(
                l -> {
                  int[] values =
                      l.file()
                          .map(
                              file ->
                                  file.path().toString().endsWith(".csv")
                                      ? csvLabels(file, l.column())
                                      : idxLabels(file))
                          .orElse(l.values());
                  if (values.length < n) {
                    throw new CaseFormatException(
                        "labels: "
                            + values.length
                            + " for "
                            + n
                            + " records of "
                            + names(f.sources()));
                  }
                  return Arrays.copyOf(values, n);
                });
    return new InputSet(records, labels, range(n), available, names(f.sources()));
  }

  private static InputSet generated(InputSpec.Generated g, int sourceBytes, int count) {
    SplittableRandom random = new SplittableRandom(g.seed());
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] r = new byte[sourceBytes];
      for (int j = 0; j < r.length; j++) {
        r[j] = (byte) random.nextInt(256);
      }
      records.add(g.preprocess().apply(r));
    }
    return new InputSet(
        records, Optional.empty(), range(count), count, "generated (seed " + g.seed() + ")");
  }

  private static InputSet dataSet(InputSpec.DataSet d, int sourceBytes, Optional<Integer> count) {
    IdxFile images = idx(d.images());
    IdxFile labels = idx(d.labels());
    int size = images.dims()[0];
    if (images.itemSize() != sourceBytes) {
      throw new CaseFormatException(
          String.format(
              "data set %s: items of %d bytes (%s) but the " + "model takes %d before %s",
              d.images().text(),
              images.itemSize(),
              Arrays.toString(images.dims()),
              sourceBytes,
              d.preprocess().text()));
    }
    if (labels.dims()[0] != size) {
      throw new CaseFormatException(
          "data set "
              + d.labels().text()
              + ": "
              + labels.dims()[0]
              + " labels for "
              + size
              + " images");
    }
    int n = count.orElse(size);
    if (n > size) {
      throw new CaseFormatException(
          "data set " + d.images().text() + " has " + size + " items, count asks for " + n);
    }
    List<byte[]> records = new ArrayList<>();
    int[] indexes = new int[n];
    int[] picked = new int[n];
    for (int i = 0; i < n; i++) {
      // Evenly spaced: a sample covers the whole set, not only its start.
      int k = (int) ((long) i * size / n);
      indexes[i] = k;
      records.add(
          d.preprocess()
              .apply(Arrays.copyOfRange(images.data(), k * sourceBytes, (k + 1) * sourceBytes)));
      picked[i] = labels.data()[k] & 0xff;
    }
    return new InputSet(
        records,
        Optional.of(picked),
        indexes,
        size,
        d.images().text() + " (" + d.preprocess().text() + ")");
  }

  private static int[] range(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  private static String names(List<FileRef> files) {
    return String.join(" + ", files.stream().map(FileRef::text).toList());
  }

  private static int[] csvLabels(FileRef file, int column) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file.path());
    } catch (IOException e) {
      throw new CaseFormatException("cannot read labels " + file.text() + ": " + e.getMessage(), e);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",");
      if (column >= cells.length) {
        throw new CaseFormatException(file.text() + ":" + (i + 1) + ": no column " + column);
      }
      try {
        out.add(Integer.parseInt(cells[column].strip()));
      } catch (NumberFormatException e) {
        if (i == 0) {
          continue; // a header line
        }
        throw new CaseFormatException(
            file.text() + ":" + (i + 1) + ": label '" + cells[column] + "' is not an integer");
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] idxLabels(FileRef file) {
    byte[] data = idx(file).data();
    int[] out = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = data[i] & 0xff;
    }
    return out;
  }

  static byte[] read(FileRef ref) {
    try (InputStream in = Files.newInputStream(ref.path())) {
      InputStream s = ref.path().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return s.readAllBytes();
    } catch (IOException e) {
      throw new CaseFormatException(
          "cannot read " + ref.text() + " (" + ref.path() + "): " + e.getMessage(), e);
    }
  }

  private static IdxFile idx(FileRef ref) {
    try {
      return IdxFile.read(ref.path());
    } catch (IOException e) {
      throw new CaseFormatException("cannot read IDX " + ref.text() + ": " + e.getMessage(), e);
    }
  }
}
