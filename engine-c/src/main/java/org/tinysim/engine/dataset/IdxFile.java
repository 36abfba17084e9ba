package org.tinysim.engine.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the MNIST format): magic 0x00 0x00 0x08 rank, then rank big-endian
 * int32 dimensions, then the values. Gzip-compressed files are recognised by their header and read
 * transparently.
 *
 * @param dims dimensions, outermost first (e.g. {count, rows, cols})
 * @param data values in row-major order
 */
public record IdxFile(int[] dims, byte[] data) {

  private static final int UBYTE_TYPE = 0x08;
  private static final int MAX_RANK = 4;

  public IdxFile {
    dims = dims.clone();
  }

  /** Number of items along the first dimension. */
  public int count() {
    return dims[0];
  }

  /** Bytes per item (product of the remaining dimensions). */
  public int itemSize() {
    int n = 1;
    for (int i = 1; i < dims.length; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** Copy of item {@code i}. */
  public byte[] item(int i) {
    int size = itemSize();
    return Arrays.copyOfRange(data, i * size, (i + 1) * size);
  }

  public static IdxFile read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return read(raw, file.toString());
    }
  }

  /** Reads from a stream; {@code source} names it in error messages. */
  public static IdxFile read(InputStream stream, String source) throws IOException {
    InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in));
    }
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[4];
    readFully(data, magic, source, "the 4-byte magic number");
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IOException(
          source
              + ": not an IDX file, magic starts with 0x"
              + hex(magic[0])
              + hex(magic[1])
              + " instead of 0x0000");
    }
    if ((magic[2] & 0xff) != UBYTE_TYPE) {
      throw new IOException(
          source + ": IDX element type 0x" + hex(magic[2]) + " is not unsigned byte (0x08)");
    }
    int rank = magic[3] & 0xff;
    if (rank < 1 || rank > MAX_RANK) {
      throw new IOException(source + ": IDX rank " + rank + " is outside 1.." + MAX_RANK);
    }
    int[] dims = new int[rank];
    long total = 1;
    byte[] dimBytes = new byte[4 * rank];
    readFully(data, dimBytes, source, rank + " dimension sizes");
    for (int i = 0; i < rank; i++) {
      int d =
          ((dimBytes[4 * i] & 0xff) << 24)
              | ((dimBytes[4 * i + 1] & 0xff) << 16)
              | ((dimBytes[4 * i + 2] & 0xff) << 8)
              | (dimBytes[4 * i + 3] & 0xff);
      if (d <= 0) {
        throw new IOException(source + ": IDX dimension " + i + " is " + d + ", must be positive");
      }
      dims[i] = d;
      total *= d;
      if (total > Integer.MAX_VALUE - 8) {
        throw new IOException(
            source
                + ": IDX dimensions "
                + Arrays.toString(Arrays.copyOf(dims, i + 1))
                + " describe more than 2^31 values");
      }
    }
    byte[] values = new byte[(int) total];
    readFully(data, values, source, total + " values for dimensions " + Arrays.toString(dims));
    if (data.read() >= 0) {
      throw new IOException(
          source
              + ": trailing bytes after the "
              + total
              + " values of dimensions "
              + Arrays.toString(dims));
    }
    return new IdxFile(dims, values);
  }

  private static void readFully(DataInputStream in, byte[] buf, String source, String what)
      throws IOException {
    int off = 0;
    while (off < buf.length) {
      int n;
      try {
        n = in.read(buf, off, buf.length - off);
      } catch (EOFException e) {
        n = -1;
      }
      if (n < 0) {
        throw new IOException(
            source
                + ": truncated, expected "
                + what
                + " but the file ends after "
                + off
                + " of "
                + buf.length
                + " bytes");
      }
      off += n;
    }
  }

  private static String hex(byte b) {
    return String.format("%02x", b & 0xff);
  }
}
