package org.tinysim.engine.tflite;

import java.util.List;

/** A subgraph: tensors, graph inputs/outputs (tensor indices) and operators in execution order. */
public record TfliteSubGraph(
    String name,
    List<TfliteTensor> tensors,
    int[] inputs,
    int[] outputs,
    List<TfliteOperator> operators) {}
