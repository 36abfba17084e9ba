package org.tinysim.engine.training;

import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Shape;

/**
 * A tensor of a training program.
 *
 * @param id index in {@link TrainingProgram#tensors()}
 * @param name unique, readable (e.g. {@code act:conv1/Relu}, {@code dW:op3})
 * @param role what it holds
 * @param type element type
 * @param shape dims; for weight slices the first dim is the number of updated channels
 * @param bytes dense size
 * @param irTensor the forward graph tensor it holds or derives from (activation, its gradient, the
 *     weight or bias it copies); -1 if none
 * @param op forward op index it belongs to (producer of an activation, owner of a parameter); -1
 *     for the network input
 * @param firstStep step index of the first write (static tensors: 0)
 * @param lastStep step index of the last read, inclusive (static tensors: the last step)
 */
public record TrainTensor(
    int id,
    String name,
    TensorRole role,
    DataType type,
    Shape shape,
    long bytes,
    int irTensor,
    int op,
    int firstStep,
    int lastStep) {

  public boolean liveAt(int step) {
    return firstStep <= step && step <= lastStep;
  }
}
