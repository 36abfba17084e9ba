package org.tinysim.harness.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.dataset.IdxFile;

/**
 * Training samples: input records (read by {@link org.tinysim.harness.inference.InputFile}, as for
 * {@code infer}) paired with their IDX labels, which must be one per record and below the model's
 * class count.
 */
public final class TrainingData {

  private TrainingData() {}

  /**
   * @param records one model input per sample, in the model's input type
   * @param source the records' file, for errors
   * @param classes labels must be below this (the model's output size)
   * @throws IllegalArgumentException naming the file and the mismatch
   */
  public static List<TrainingSample> samples(
      List<byte[]> records, Path source, Path labels, int classes) {
    IdxFile lab;
    try {
      lab = IdxFile.read(labels);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read IDX labels " + labels + ": " + e.getMessage(), e);
    }
    if (lab.dims().length != 1 || lab.count() != records.size()) {
      throw new IllegalArgumentException(
          labels
              + ": "
              + lab.count()
              + " labels (dimensions "
              + Arrays.toString(lab.dims())
              + ") for "
              + records.size()
              + " inputs in "
              + source);
    }
    List<TrainingSample> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
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
      out.add(new TrainingSample(records.get(i), label));
    }
    return out;
  }
}
