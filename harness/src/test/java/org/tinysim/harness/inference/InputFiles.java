package org.tinysim.harness.inference;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes the input files users hold (.npy, IDX, PNG) for tests of {@link InputFile}'s readers. */
public final class InputFiles {

  private InputFiles() {}

  /** A version 1.0 .npy file of {@code data} with dtype {@code descr} (e.g. "|u1", "<f4"). */
  public static Path npy(Path file, String descr, byte[] data, int... shape) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.ISO_8859_1))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.ISO_8859_1))
        .put(data);
    return Files.write(file, b.array());
  }

  /** float32 .npy of {@code values}. */
  public static Path npy(Path file, float[] values, int... shape) throws IOException {
    ByteBuffer f = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      f.putFloat(v);
    }
    return npy(file, "<f4", f.array(), shape);
  }

  /** IDX uint8 items ({@code dims} without the count) or, with one dim of 1 byte each, labels. */
  public static Path idx(Path file, byte[] data, int count, int... dims) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * dims.length + data.length);
    b.putInt(0x0800 | (dims.length + 1)).putInt(count);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return Files.write(file, b.array());
  }

  /** A PNG of grey {@code w} x {@code h} pixels (R = G = B), row by row. */
  public static Path png(Path file, byte[] pixels, int w, int h) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = pixels[y * w + x] & 0xff;
        img.setRGB(x, y, 0xff000000 | p << 16 | p << 8 | p);
      }
    }
    ImageIO.write(img, "png", file.toFile());
    return file;
  }
}
