package org.tinysim.engine.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Grey images with class labels.
 *
 * @param rows image height
 * @param cols image width
 * @param images one byte[rows*cols] per image, pixels 0..255 stored as unsigned bytes
 * @param labels class index per image
 */
public record LabelledImages(int rows, int cols, List<byte[]> images, byte[] labels) {

  public LabelledImages {
    if (images.size() != labels.length) {
      throw new IllegalArgumentException(
          images.size() + " images but " + labels.length + " labels");
    }
    images = List.copyOf(images);
    labels = labels.clone();
  }

  static LabelledImages of(IdxFile images, byte[] labels, int classes, String labelSource) {
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= classes) {
        throw new IllegalStateException(
            labelSource
                + ": label "
                + (labels[i] & 0xff)
                + " at index "
                + i
                + " is not a class index below "
                + classes);
      }
    }
    List<byte[]> list = new ArrayList<>(images.count());
    for (int i = 0; i < images.count(); i++) {
      list.add(images.item(i));
    }
    return new LabelledImages(images.dims()[1], images.dims()[2], list, labels);
  }

  public int size() {
    return labels.length;
  }

  public int label(int i) {
    return labels[i];
  }

  public byte[] image(int i) {
    return images.get(i);
  }

  /** Image {@code i} as floats pixel / 255 (the float model's input). */
  public float[] floatImage(int i) {
    byte[] px = images.get(i);
    float[] out = new float[px.length];
    for (int k = 0; k < px.length; k++) {
      out[k] = (px[k] & 0xff) / 255f;
    }
    return out;
  }

  /** The first {@code n} images. */
  public LabelledImages head(int n) {
    return new LabelledImages(rows, cols, images.subList(0, n), java.util.Arrays.copyOf(labels, n));
  }
}
