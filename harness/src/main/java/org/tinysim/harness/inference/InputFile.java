package org.tinysim.harness.inference;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.tinysim.engine.dataset.IdxFile;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;

/**
 * Model inputs the way users hold them, turned into the model's raw input bytes (records laid end
 * to end), chosen by the file's name:
 *
 * <ul>
 *   <li>{@code .npy}: float32 real values (quantised with the input's scale and zero point), uint8
 *       pixels (real = pixel / 255) or int8 values as they are;
 *   <li>{@code .png}, {@code .jpg}, {@code .jpeg}: one image, resized to the input's H x W, grey or
 *       RGB per its channels, real = pixel / 255;
 *   <li>{@code .idx}, {@code *-ubyte}: IDX uint8 items (MNIST layout), real = pixel / 255;
 *   <li>anything else: raw bytes already in the model's input type.
 * </ul>
 *
 * Quantised inputs take q = round(real / scale) + zero point, clamped to int8. Only for a model
 * with one input; raw files may hold several inputs per record. {@code infer}, {@code report},
 * {@code golden --model/--inputs} and {@code train --data} all read their inputs here.
 */
public final class InputFile {

  private static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([<>|=])([fiu])(\\d)'");

  private InputFile() {}

  /** What happens to pixel values before quantisation ({@code train --transform}). */
  public enum Transform {
    NONE,
    /** pixel p -> 255 - p (real r -> 1 - r for float32 .npy): the demo's shifted domain. */
    INVERT
  }

  /** The file's records as raw input bytes; {@code error} makes the caller's exception. */
  public static byte[] read(
      Path file,
      java.util.List<Tensor> inputs,
      java.util.function.Function<String, ? extends RuntimeException> error) {
    return read(file, inputs, Transform.NONE, error);
  }

  /** As {@link #read(Path, java.util.List, java.util.function.Function)}, pixels transformed. */
  public static byte[] read(
      Path file,
      java.util.List<Tensor> inputs,
      Transform transform,
      java.util.function.Function<String, ? extends RuntimeException> error) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isRegularFile(file)) {
      throw error.apply("input file " + file + " does not exist or is not a file");
    }
    boolean raw =
        !(name.endsWith(".npy")
            || name.endsWith(".png")
            || name.endsWith(".jpg")
            || name.endsWith(".jpeg")
            || name.endsWith(".idx")
            || name.endsWith("-ubyte"));
    try {
      if (raw) {
        if (transform != Transform.NONE) {
          throw error.apply(
              file
                  + " holds raw input bytes, which --transform "
                  + transform.name().toLowerCase(Locale.ROOT)
                  + " cannot change: give pixels (.npy, PNG/JPEG or IDX)");
        }
        return Files.readAllBytes(file);
      }
      if (inputs.size() != 1) {
        throw error.apply(
            file
                + ": .npy, image and IDX inputs need a model with one input; "
                + "this one has "
                + inputs.size()
                + " (give raw bytes)");
      }
      Tensor input = inputs.get(0);
      if (name.endsWith(".npy")) {
        return npy(file, input, transform, error);
      }
      if (name.endsWith(".idx") || name.endsWith("-ubyte")) {
        IdxFile idx = IdxFile.read(file);
        requireItemShape(file, idx, input, error);
        return pixels(idx.data(), input, transform);
      }
      return image(file, input, transform, error);
    } catch (IOException e) {
      throw error.apply("cannot read input file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw error.apply(file + ": " + e.getMessage());
    }
  }

  /** IDX items shaped [H, W] or [H, W, C] must match a [1, H, W, C] input. */
  private static void requireItemShape(
      Path file,
      IdxFile idx,
      Tensor input,
      java.util.function.Function<String, ? extends RuntimeException> error) {
    int[] want = input.shape().dims();
    int[] d = idx.dims();
    if (want.length != 4 || want[0] != 1 || d.length < 3) {
      return; // not an image input: only the record size is checked, by the caller
    }
    boolean fits =
        (d.length == 3 && d[1] == want[1] && d[2] == want[2] && want[3] == 1)
            || (d.length == 4 && d[1] == want[1] && d[2] == want[2] && d[3] == want[3]);
    if (!fits) {
      throw error.apply(
          file
              + ": images are "
              + Arrays.toString(Arrays.copyOfRange(d, 1, d.length))
              + " but the model input '"
              + input.name()
              + "' is "
              + Arrays.toString(Arrays.copyOfRange(want, 1, 4))
              + " (H, W, C)");
    }
  }

  private static byte[] npy(
      Path file,
      Tensor input,
      Transform transform,
      java.util.function.Function<String, ? extends RuntimeException> error)
      throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 10
        || (all[0] & 0xff) != 0x93
        || !new String(all, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
      throw error.apply(file + " is not a .npy file (no \\x93NUMPY magic)");
    }
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int major = all[6];
    int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
    int start = (major == 1 ? 10 : 12) + headerLength;
    String header =
        new String(all, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
    Matcher m = NPY_DESCR.matcher(header);
    if (!m.find() || header.contains("'fortran_order': True")) {
      throw error.apply(
          file
              + ": .npy header "
              + header.strip()
              + " is not a C-order float32, "
              + "uint8 or int8 array");
    }
    String kind = m.group(2) + m.group(3);
    byte[] data = Arrays.copyOfRange(all, start, all.length);
    return switch (kind) {
      case "f4" -> {
        ByteBuffer f =
            ByteBuffer.wrap(data)
                .order(m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] real = new float[data.length / 4];
        for (int i = 0; i < real.length; i++) {
          real[i] = transform == Transform.INVERT ? 1 - f.getFloat() : f.getFloat();
        }
        yield reals(real, input);
      }
      case "u1" -> pixels(data, input, transform);
      case "i1" -> {
        if (transform != Transform.NONE) {
          throw error.apply(
              file + ": int8 .npy values are input bytes, which --transform cannot change");
        }
        yield data;
      }
      default ->
          throw error.apply(
              file + ": .npy dtype " + m.group(0) + " is not float32, " + "uint8 or int8");
    };
  }

  private static byte[] image(
      Path file,
      Tensor input,
      Transform transform,
      java.util.function.Function<String, ? extends RuntimeException> error)
      throws IOException {
    int[] dims = input.shape().dims();
    if (dims.length != 4 || dims[0] != 1 || (dims[3] != 1 && dims[3] != 3)) {
      throw error.apply(
          file
              + ": an image needs a [1, H, W, 1 or 3] model input; '"
              + input.name()
              + "' is "
              + Arrays.toString(dims));
    }
    BufferedImage source = ImageIO.read(file.toFile());
    if (source == null) {
      throw error.apply(file + " is not a PNG or JPEG image Java can read");
    }
    int h = dims[1];
    int w = dims[2];
    BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(source, 0, 0, w, h, null);
    g.dispose();
    byte[] pixels = new byte[h * w * dims[3]];
    int at = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = scaled.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int gr = (rgb >> 8) & 0xff;
        int bl = rgb & 0xff;
        if (dims[3] == 1) {
          pixels[at++] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * bl);
        } else {
          pixels[at++] = (byte) r;
          pixels[at++] = (byte) gr;
          pixels[at++] = (byte) bl;
        }
      }
    }
    return pixels(pixels, input, transform);
  }

  /**
   * uint8 pixels as real = pixel / 255 in the input's type; int8 takes q = round(pixel / 255 /
   * scale) + zero point in double precision (the on-device training data's rule since its start).
   */
  public static byte[] pixels(byte[] pixels, Tensor input, Transform transform) {
    if (input.type() == DataType.INT8 && input.quantization().scales().length == 1) {
      double scale = input.quantization().scales()[0];
      int zeroPoint = input.quantization().zeroPoints()[0];
      byte[] q = new byte[pixels.length];
      for (int i = 0; i < pixels.length; i++) {
        int p = pixel(pixels[i], transform);
        long v = Math.round(p / 255.0 / scale) + zeroPoint;
        q[i] = (byte) Math.max(-128, Math.min(127, v));
      }
      return q;
    }
    float[] real = new float[pixels.length];
    for (int i = 0; i < real.length; i++) {
      real[i] = pixel(pixels[i], transform) / 255f;
    }
    return reals(real, input);
  }

  private static int pixel(byte b, Transform transform) {
    int p = b & 0xff;
    return transform == Transform.INVERT ? 255 - p : p;
  }

  /** Real values in the input's type: float32 as is, int8 quantised. */
  static byte[] reals(float[] real, Tensor input) {
    if (input.type() == DataType.FLOAT32) {
      ByteBuffer b = ByteBuffer.allocate(4 * real.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : real) {
        b.putFloat(v);
      }
      return b.array();
    }
    if (input.type() != DataType.INT8 || input.quantization().scales().length != 1) {
      throw new IllegalArgumentException(
          "the model input '"
              + input.name()
              + "' is "
              + input.type()
              + " without one scale; give raw bytes");
    }
    float scale = input.quantization().scales()[0];
    int zeroPoint = input.quantization().zeroPoints()[0];
    byte[] q = new byte[real.length];
    for (int i = 0; i < real.length; i++) {
      long v = Math.round(real[i] / scale) + zeroPoint;
      q[i] = (byte) Math.max(-128, Math.min(127, v));
    }
    return q;
  }
}
