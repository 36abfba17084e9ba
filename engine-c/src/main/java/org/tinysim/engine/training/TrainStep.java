package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.ir.Activation;

/**
 * One step of a training program. Tensor arguments are ids into {@link TrainingProgram#tensors()};
 * {@code op} is the forward op index in the prepared graph, whose params (scales, strides, padding)
 * the kernels read. {@code -1} means "none"; a weights argument of -1 means the op reads its
 * weights from flash.
 */
public sealed interface TrainStep {

  /** Forward op index the step belongs to. */
  int op();

  /** Tensor ids read (including static parameter copies). */
  List<Integer> reads();

  /** Tensor ids written (an in-place step lists its tensor in both). */
  List<Integer> writes();

  /** A step over a subset of output channels (sorted, distinct). */
  interface ChannelSubset {
    List<Integer> channels();

    /** First channel. */
    default int channelBegin() {
      return channels().get(0);
    }

    /** One past the last channel. */
    default int channelEnd() {
      return channels().get(channels().size() - 1) + 1;
    }

    /** Whether the channels form the range [channelBegin, channelEnd), as the kernels take. */
    default boolean contiguous() {
      return channelEnd() - channelBegin() == channels().size();
    }
  }

  /** Which parameter an update or gradient concerns. */
  enum Param {
    WEIGHTS,
    BIAS
  }

  /**
   * Runs forward op {@code op}. {@code inputs} are the activation inputs in TFLite order; {@code
   * weightsCopy} / {@code biasCopy} are the SRAM copies when the op's parameters are updated (-1:
   * flash).
   */
  record Forward(
      int op, String opName, List<Integer> inputs, int output, int weightsCopy, int biasCopy)
      implements TrainStep {
    public Forward {
      inputs = List.copyOf(inputs);
    }

    @Override
    public List<Integer> reads() {
      List<Integer> r = new ArrayList<>(inputs);
      addIfPresent(r, weightsCopy);
      addIfPresent(r, biasCopy);
      return List.copyOf(r);
    }

    @Override
    public List<Integer> writes() {
      return List.of(output);
    }
  }

  /**
   * Softmax cross-entropy against the run-time label: gradient w.r.t. the logits (the output of op
   * {@code op}) = softmax - onehot. {@code scores} is the forward SOFTMAX output (int8, scale
   * 1/256) when {@code softmaxOp} is not -1, else the logits themselves (the kernel applies
   * softmax). Ops between the logits and the softmax (a reshape) have no backward.
   */
  record LossGradient(int op, int softmaxOp, int scores, int gradient, int classes)
      implements TrainStep {
    @Override
    public List<Integer> reads() {
      return List.of(scores);
    }

    @Override
    public List<Integer> writes() {
      return List.of(gradient);
    }
  }

  /**
   * Zeroes {@code gradient} in place where the fused activation of op {@code op} clamped its saved
   * {@code output} (ReLU: output at the zero point; ReLU6: also at the upper clamp).
   */
  record ActivationMask(int op, Activation activation, int output, int gradient)
      implements TrainStep {
    @Override
    public List<Integer> reads() {
      return List.of(output, gradient);
    }

    @Override
    public List<Integer> writes() {
      return List.of(gradient);
    }
  }

  /**
   * dLoss/d(input {@code inputSlot} of op {@code op}) from dLoss/d(output). {@code accumulate} adds
   * into {@code gradInput} (a tensor with several consumers) instead of overwriting. {@code
   * weights} is the SRAM weight copy when the op's weights are updated (the gradient uses the
   * weights before this step's update), -1 for flash or weightless ops. {@code savedInput} is the
   * forward input when the op needs it (max pool), else -1. {@code scratch} is a planned buffer of
   * {@code gradInput}'s size for kernels that cannot add into their destination: they write it,
   * then it is added to {@code gradInput} (-1 when not accumulating, or for ops that add directly:
   * reshape, add, quantize).
   *
   * <p>An input whose gradient equals the output's (reshape, add, quantize of the same size)
   * usually gets no step at all: its gradient tensor is the output gradient's tensor.
   */
  record InputGradient(
      int op,
      String opName,
      int inputSlot,
      int gradOutput,
      int gradInput,
      boolean accumulate,
      int weights,
      int savedInput,
      int scratch)
      implements TrainStep {
    @Override
    public List<Integer> reads() {
      List<Integer> r = new ArrayList<>(List.of(gradOutput));
      addIfPresent(r, weights);
      addIfPresent(r, savedInput);
      if (accumulate) {
        r.add(gradInput);
      }
      return List.copyOf(r);
    }

    @Override
    public List<Integer> writes() {
      List<Integer> w = new ArrayList<>(List.of(gradInput));
      addIfPresent(w, scratch);
      return List.copyOf(w);
    }
  }

  /** dLoss/dW of op {@code op} for output {@code channels} only, from its saved input. */
  record WeightGradient(int op, int gradOutput, int input, int gradWeights, List<Integer> channels)
      implements TrainStep, ChannelSubset {
    public WeightGradient {
      channels = List.copyOf(channels);
    }

    @Override
    public List<Integer> reads() {
      return List.of(gradOutput, input);
    }

    @Override
    public List<Integer> writes() {
      return List.of(gradWeights);
    }
  }

  /** dLoss/db of op {@code op} for {@code channels}: the gradient summed over positions. */
  record BiasGradient(int op, int gradOutput, int gradBias, List<Integer> channels)
      implements TrainStep, ChannelSubset {
    public BiasGradient {
      channels = List.copyOf(channels);
    }

    @Override
    public List<Integer> reads() {
      return List.of(gradOutput);
    }

    @Override
    public List<Integer> writes() {
      return List.of(gradBias);
    }
  }

  /**
   * SGD (with momentum when {@code momentum} is not -1) of op {@code op}'s {@code param} for {@code
   * channels}; row i of the gradient and momentum is channel channels[i]. {@code target} is what
   * SGD changes: the whole int8/int32 SRAM copy (int8 parameters) or the float32 master of the
   * updated rows (fp32 parameters), in which case the rows are then re-quantised into {@code
   * requantizeInto}, the int8/int32 copy the forward reads (-1 for int8 parameters).
   */
  record Update(
      int op,
      Param param,
      int gradient,
      int target,
      int momentum,
      List<Integer> channels,
      int requantizeInto)
      implements TrainStep, ChannelSubset {
    public Update {
      channels = List.copyOf(channels);
    }

    @Override
    public List<Integer> reads() {
      List<Integer> r = new ArrayList<>(List.of(gradient, target));
      addIfPresent(r, momentum);
      return List.copyOf(r);
    }

    @Override
    public List<Integer> writes() {
      List<Integer> w = new ArrayList<>(List.of(target));
      addIfPresent(w, momentum);
      addIfPresent(w, requantizeInto);
      return List.copyOf(w);
    }
  }

  private static void addIfPresent(List<Integer> ids, int id) {
    if (id >= 0) {
      ids.add(id);
    }
  }
}
