package org.tinysim.engine.models;

import java.util.Random;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.floatnet.Trainer;

/** Grey images as float inputs pixel / 255, optionally shifted by up to {@code maxShift} pixels. */
final class ImageSamples implements Trainer.Samples {

  private final LabelledImages images;
  private final int maxShift;

  ImageSamples(LabelledImages images, int maxShift) {
    this.images = images;
    this.maxShift = maxShift;
  }

  @Override
  public int size() {
    return images.size();
  }

  @Override
  public int label(int index) {
    return images.label(index);
  }

  @Override
  public float[] input(int index, Random augmentation) {
    float[] plain = images.floatImage(index);
    if (maxShift == 0) {
      return plain;
    }
    int dy = augmentation.nextInt(2 * maxShift + 1) - maxShift;
    int dx = augmentation.nextInt(2 * maxShift + 1) - maxShift;
    int rows = images.rows(), cols = images.cols();
    float[] shifted = new float[plain.length];
    for (int y = 0; y < rows; y++) {
      int sy = y - dy;
      if (sy < 0 || sy >= rows) {
        continue;
      }
      for (int x = 0; x < cols; x++) {
        int sx = x - dx;
        if (sx >= 0 && sx < cols) {
          shifted[y * cols + x] = plain[sy * cols + sx];
        }
      }
    }
    return shifted;
  }
}
