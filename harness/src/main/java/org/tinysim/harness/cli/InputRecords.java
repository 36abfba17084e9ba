package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.harness.golden.CaseFormatException;
import org.tinysim.harness.golden.InputLoader;
import org.tinysim.harness.inference.InputFile;

/**
 * Model inputs from a file ({@link InputFile}: raw, .npy, PNG/JPEG, IDX): one record = every graph
 * input's bytes, concatenated in graph order; a file of N records holds N consecutive inferences.
 * Read from the graph, before any compiling, so bad input fails fast.
 */
final class InputRecords {

  private InputRecords() {}

  static long recordBytes(List<Tensor> inputs) {
    return inputs.stream().mapToLong(Tensor::sizeInBytes).sum();
  }

  /** Exactly one record: the file size must equal the model's input size. */
  static List<byte[]> single(Path file, List<Tensor> inputs) {
    byte[] data = read(file, inputs);
    long want = recordBytes(inputs);
    if (data.length != want) {
      throw new UserError(
          String.format(
              "input %s is %d bytes but the model takes %d (%s)",
              file, data.length, want, describe(inputs)));
    }
    return split(data, 0, inputs);
  }

  /** Every record of the file (at least one). */
  static List<List<byte[]>> all(Path file, List<Tensor> inputs) {
    return all(file, inputs, InputFile.Transform.NONE);
  }

  /** Every record of the file (at least one), pixels transformed ({@code train --transform}). */
  static List<List<byte[]>> all(Path file, List<Tensor> inputs, InputFile.Transform transform) {
    byte[] data = InputFile.read(file, inputs, transform, UserError::new);
    long record = recordBytes(inputs);
    long n = data.length / record;
    if (n < 1) {
      throw new UserError("inputs " + file + " holds no whole input of " + record + " bytes");
    }
    return records(file, data, (int) n, inputs);
  }

  /**
   * The file as the model's raw input bytes: whole records, at least one ({@code golden --model
   * --inputs} stores these as the new case's inputs.bin).
   */
  static byte[] raw(Path file, List<Tensor> inputs) {
    byte[] data = read(file, inputs);
    long record = recordBytes(inputs);
    if (data.length < record) {
      throw new UserError("inputs " + file + " holds no whole input of " + record + " bytes");
    }
    records(file, data, (int) (data.length / record), inputs);
    return data;
  }

  /** Every record of the file as one byte array each (graph inputs concatenated). */
  static List<byte[]> joined(Path file, List<Tensor> inputs, InputFile.Transform transform) {
    List<byte[]> out = new ArrayList<>();
    for (List<byte[]> record : all(file, inputs, transform)) {
      java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
      record.forEach(joined::writeBytes);
      out.add(joined.toByteArray());
    }
    return out;
  }

  /** {@code count} records from the start of the file. */
  static List<List<byte[]>> many(Path file, int count, List<Tensor> inputs) {
    return records(file, read(file, inputs), count, inputs);
  }

  private static List<List<byte[]>> records(
      Path file, byte[] data, int count, List<Tensor> inputs) {
    long record = recordBytes(inputs);
    if ((long) count * record > data.length) {
      throw new UserError(
          String.format(
              "inputs %s has %d bytes: fewer than %d inputs of %d bytes " + "(%s)",
              file, data.length, count, record, describe(inputs)));
    }
    try {
      InputLoader.requireWholeRecords(file.toString(), data.length, record, "");
    } catch (CaseFormatException e) {
      throw new UserError(e.getMessage() + ": " + describe(inputs), e);
    }
    List<List<byte[]>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(split(data, (int) (i * record), inputs));
    }
    return all;
  }

  private static List<byte[]> split(byte[] data, int from, List<Tensor> inputs) {
    List<byte[]> parts = new ArrayList<>();
    int at = from;
    for (Tensor in : inputs) {
      parts.add(Arrays.copyOfRange(data, at, at + (int) in.sizeInBytes()));
      at += (int) in.sizeInBytes();
    }
    return parts;
  }

  private static String describe(List<Tensor> inputs) {
    StringBuilder s = new StringBuilder();
    for (Tensor in : inputs) {
      s.append(s.length() == 0 ? "" : " + ")
          .append('\'')
          .append(in.name())
          .append("' ")
          .append(in.sizeInBytes())
          .append(" B");
    }
    return s.toString();
  }

  private static byte[] read(Path file, List<Tensor> inputs) {
    return InputFile.read(file, inputs, UserError::new);
  }
}
