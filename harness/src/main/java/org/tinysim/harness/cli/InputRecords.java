package org.tinysim.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.codegen.IoBuffer;

/**
 * Raw model inputs from a file: one record = every graph input's bytes, concatenated in graph
 * order; a file of N records holds N consecutive inferences.
 */
final class InputRecords {

  private InputRecords() {}

  static long recordBytes(List<IoBuffer> inputs) {
    return inputs.stream().mapToLong(IoBuffer::bytes).sum();
  }

  /** Exactly one record: the file size must equal the model's input size. */
  static List<byte[]> single(Path file, List<IoBuffer> inputs) {
    byte[] data = read(file);
    long want = recordBytes(inputs);
    if (data.length != want) {
      throw new UserError(String.format("input %s is %d bytes but the model takes %d (%s)",
          file, data.length, want, describe(inputs)));
    }
    return split(data, 0, inputs);
  }

  /** {@code count} records from the start of the file. */
  static List<List<byte[]>> many(Path file, int count, List<IoBuffer> inputs) {
    byte[] data = read(file);
    long record = recordBytes(inputs);
    if ((long) count * record > data.length) {
      throw new UserError(String.format("inputs %s has %d bytes: fewer than %d inputs of %d bytes "
          + "(%s)", file, data.length, count, record, describe(inputs)));
    }
    List<List<byte[]>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(split(data, (int) (i * record), inputs));
    }
    return all;
  }

  private static List<byte[]> split(byte[] data, int from, List<IoBuffer> inputs) {
    List<byte[]> parts = new ArrayList<>();
    int at = from;
    for (IoBuffer in : inputs) {
      parts.add(Arrays.copyOfRange(data, at, at + (int) in.bytes()));
      at += (int) in.bytes();
    }
    return parts;
  }

  private static String describe(List<IoBuffer> inputs) {
    StringBuilder s = new StringBuilder();
    for (IoBuffer in : inputs) {
      s.append(s.length() == 0 ? "" : " + ").append('\'').append(in.tensor()).append("' ")
          .append(in.bytes()).append(" B");
    }
    return s.toString();
  }

  private static byte[] read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("input file " + file + " does not exist or is not a file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserError("cannot read input file " + file + ": " + e.getMessage(), e);
    }
  }
}
