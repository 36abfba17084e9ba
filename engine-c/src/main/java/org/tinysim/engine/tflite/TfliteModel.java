package org.tinysim.engine.tflite;

import java.util.List;

/** A parsed .tflite file; {@code source} names the file (or test) it came from, for messages. */
public record TfliteModel(
    String source,
    long version,
    String description,
    List<OperatorCode> operatorCodes,
    List<TfliteSubGraph> subgraphs,
    List<ModelBuffer> buffers,
    List<TfliteMetadata> metadata) {}
