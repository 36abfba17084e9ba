package org.tinysim.engine.floatnet;

import java.util.Arrays;

/**
 * Which parameters a training step updates, per layer: nothing (frozen), the bias only, or weights
 * and bias, optionally restricted to a subset of output channels (sparse update). Immutable; {@code
 * with} returns a modified copy.
 */
public final class UpdateMask {

  /** How much of one layer is trained. */
  public enum Mode {
    FROZEN,
    BIAS_ONLY,
    ALL
  }

  private final FloatNetwork net;
  private final Mode[] modes;
  private final boolean[][] channels;

  private UpdateMask(FloatNetwork net, Mode[] modes, boolean[][] channels) {
    this.net = net;
    this.modes = modes;
    this.channels = channels;
  }

  /** Every layer with parameters is fully trained. */
  public static UpdateMask all(FloatNetwork net) {
    Mode[] modes = new Mode[net.layers().size()];
    for (int i = 0; i < modes.length; i++) {
      modes[i] = hasParameters(net.layers().get(i)) ? Mode.ALL : Mode.FROZEN;
    }
    return new UpdateMask(net, modes, new boolean[modes.length][]);
  }

  /** Nothing is trained. */
  public static UpdateMask frozen(FloatNetwork net) {
    Mode[] modes = new Mode[net.layers().size()];
    Arrays.fill(modes, Mode.FROZEN);
    return new UpdateMask(net, modes, new boolean[modes.length][]);
  }

  /**
   * Copy with layer {@code index} set to {@code mode}; {@code outputChannels} (null = all)
   * restricts the update to those output channels.
   */
  public UpdateMask with(int index, Mode mode, boolean[] outputChannels) {
    if (index < 0 || index >= modes.length) {
      throw new IllegalArgumentException("no layer " + index + " in '" + net.name() + "'");
    }
    FloatLayer layer = net.layers().get(index);
    if (mode != Mode.FROZEN && !hasParameters(layer)) {
      throw new IllegalArgumentException(
          "layer '" + layer.name() + "' has no parameters to update");
    }
    if (outputChannels != null) {
      int expected = FloatNetwork.biasOf(layer).length;
      if (outputChannels.length != expected) {
        throw new IllegalArgumentException(
            "layer '"
                + layer.name()
                + "': channel mask has "
                + outputChannels.length
                + " entries, layer has "
                + expected
                + " output channels");
      }
      outputChannels = outputChannels.clone();
    }
    Mode[] m = modes.clone();
    boolean[][] c = channels.clone();
    m[index] = mode;
    c[index] = outputChannels;
    return new UpdateMask(net, m, c);
  }

  public Mode mode(int index) {
    return modes[index];
  }

  public boolean updatesWeights(int index) {
    return modes[index] == Mode.ALL;
  }

  public boolean updatesBias(int index) {
    return modes[index] != Mode.FROZEN;
  }

  /** Output-channel mask of layer {@code index}, null meaning all channels. */
  public boolean[] channels(int index) {
    return channels[index];
  }

  /** Index of the first updated layer, or the layer count when nothing is updated. */
  public int earliestUpdatedLayer() {
    for (int i = 0; i < modes.length; i++) {
      if (modes[i] != Mode.FROZEN) {
        return i;
      }
    }
    return modes.length;
  }

  private static boolean hasParameters(FloatLayer layer) {
    return FloatNetwork.biasOf(layer).length > 0;
  }
}
