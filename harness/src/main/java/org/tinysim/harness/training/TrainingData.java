package org.tinysim.harness.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.dataset.IdxFile;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;

/**
 * Labelled images from IDX files (Fashion-MNIST layout, gzip or plain), checked against the model's
 * input and quantised to it: real value = pixel / 255, optionally inverted first (pixel -> 255 -
 * pixel, the shifted domain of the demo).
 */
public final class TrainingData {

  private TrainingData() {}

  /** Pixel transform applied before quantisation. */
  public enum Transform {
    NONE,
    INVERT
  }

  /**
   * @param classes labels must be below this (the model's output size)
   * @throws IllegalArgumentException naming the file and the mismatch when the data does not fit
   *     the model
   */
  public static List<TrainingSample> load(
      Path images, Path labels, Tensor input, int classes, Transform transform) {
    IdxFile img = read(images);
    IdxFile lab = read(labels);
    int[] dims = input.shape().dims();
    if (input.type() != DataType.INT8 || dims.length != 4 || dims[0] != 1) {
      throw new IllegalArgumentException(
          "the model input '"
              + input.name()
              + "' is "
              + input.type()
              + " "
              + Arrays.toString(dims)
              + "; training data needs an int8 "
              + "[1, H, W, C] image input");
    }
    int[] d = img.dims();
    boolean shapeOk =
        (d.length == 3 && d[1] == dims[1] && d[2] == dims[2] && dims[3] == 1)
            || (d.length == 4 && d[1] == dims[1] && d[2] == dims[2] && d[3] == dims[3]);
    if (!shapeOk) {
      throw new IllegalArgumentException(
          images
              + ": images are "
              + Arrays.toString(Arrays.copyOfRange(d, 1, d.length))
              + " but the model input '"
              + input.name()
              + "' is "
              + Arrays.toString(Arrays.copyOfRange(dims, 1, 4))
              + " (H, W, C)");
    }
    if (lab.dims().length != 1 || lab.count() != img.count()) {
      throw new IllegalArgumentException(
          labels
              + ": "
              + lab.count()
              + " labels (dimensions "
              + Arrays.toString(lab.dims())
              + ") for "
              + img.count()
              + " images in "
              + images);
    }
    float scale = input.quantization().scale();
    int zeroPoint = input.quantization().zeroPoint();
    List<TrainingSample> out = new ArrayList<>(img.count());
    for (int i = 0; i < img.count(); i++) {
      int label = lab.data()[i] & 0xff;
      if (label >= classes) {
        throw new IllegalArgumentException(
            labels
                + ": label "
                + label
                + " at index "
                + i
                + " is not below the model's "
                + classes
                + " classes");
      }
      out.add(new TrainingSample(quantize(img.item(i), scale, zeroPoint, transform), label));
    }
    return out;
  }

  static byte[] quantize(byte[] pixels, float scale, int zeroPoint, Transform transform) {
    byte[] q = new byte[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      int p = pixels[i] & 0xff;
      if (transform == Transform.INVERT) {
        p = 255 - p;
      }
      long v = Math.round(p / 255.0 / scale) + zeroPoint;
      q[i] = (byte) Math.max(-128, Math.min(127, v));
    }
    return q;
  }

  private static IdxFile read(Path file) {
    try {
      return IdxFile.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }
}
