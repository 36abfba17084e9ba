package org.tinysim.engine.training;

import java.util.List;

/**
 * What one layer updates. Spec text: {@code none}, {@code bias}, {@code all}, {@code channels:N}
 * (the first N output channels) or {@code channels:[i,j,...]}. A channel rule updates those output
 * channels' weight slices and the whole bias (the bias is tiny).
 */
public sealed interface UpdateRule {

  boolean updatesWeights();

  boolean updatesBias();

  /** Parses the spec text of a rule; {@code where} names the place for error messages. */
  static UpdateRule parse(String text, String where) {
    String t = text.trim();
    switch (t) {
      case "none":
        return new None();
      case "bias":
        return new BiasOnly();
      case "all":
        return new AllWeights();
      default:
        break;
    }
    if (!t.startsWith("channels:")) {
      throw new TrainingSpecException(
          where
              + ": unknown update rule '"
              + text
              + "' (expected none | bias | all | channels:<count> | channels:[i,j,...])");
    }
    String arg = t.substring("channels:".length()).trim();
    try {
      if (arg.startsWith("[") && arg.endsWith("]")) {
        String body = arg.substring(1, arg.length() - 1).trim();
        if (body.isEmpty()) {
          throw new TrainingSpecException(where + ": empty channel list in '" + text + "'");
        }
        List<Integer> list =
            java.util.Arrays.stream(body.split(",")).map(s -> Integer.parseInt(s.trim())).toList();
        return new Channels(list);
      }
      return Channels.first(Integer.parseInt(arg));
    } catch (NumberFormatException e) {
      throw new TrainingSpecException(where + ": bad channel count or list in '" + text + "'");
    }
  }

  record None() implements UpdateRule {
    @Override
    public boolean updatesWeights() {
      return false;
    }

    @Override
    public boolean updatesBias() {
      return false;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  record BiasOnly() implements UpdateRule {
    @Override
    public boolean updatesWeights() {
      return false;
    }

    @Override
    public boolean updatesBias() {
      return true;
    }

    @Override
    public String toString() {
      return "bias";
    }
  }

  record AllWeights() implements UpdateRule {
    @Override
    public boolean updatesWeights() {
      return true;
    }

    @Override
    public boolean updatesBias() {
      return true;
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /**
   * A subset of output channels: {@code indices} sorted ascending and distinct, validated against
   * the layer's output channel count when the spec is resolved.
   */
  record Channels(List<Integer> indices) implements UpdateRule {
    public Channels {
      if (indices.isEmpty()) {
        throw new TrainingSpecException("a channel rule needs at least one channel");
      }
      List<Integer> sorted = indices.stream().sorted().distinct().toList();
      if (sorted.size() != indices.size()) {
        throw new TrainingSpecException("channel list " + indices + " repeats a channel");
      }
      if (sorted.get(0) < 0) {
        throw new TrainingSpecException("channel list " + indices + " has a negative channel");
      }
      indices = sorted;
    }

    /** The first {@code count} output channels, as the paper's sparse tensor update. */
    public static Channels first(int count) {
      if (count <= 0) {
        throw new TrainingSpecException("channel count " + count + " must be positive");
      }
      return new Channels(java.util.stream.IntStream.range(0, count).boxed().toList());
    }

    public int count() {
      return indices.size();
    }

    /** Highest channel index + 1: the layer must have at least this many output channels. */
    public int requiredChannels() {
      return indices.get(indices.size() - 1) + 1;
    }

    @Override
    public boolean updatesWeights() {
      return true;
    }

    @Override
    public boolean updatesBias() {
      return true;
    }

    @Override
    public String toString() {
      boolean prefix = requiredChannels() == count();
      return prefix ? "channels:" + count() : "channels:" + indices;
    }
  }
}
