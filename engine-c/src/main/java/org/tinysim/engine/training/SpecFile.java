package org.tinysim.engine.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a spec.json as written; absent ones are null and take {@link TrainingSpec}'s
 * defaults. {@code layers} is an object or an array, so it stays a tree until resolved.
 */
record SpecFile(
    @JsonProperty(required = true) JsonNode layers,
    OptimizerFields optimizer,
    Boolean qas,
    String params,
    Integer batch,
    String activationGradients,
    Long sramBudget) {

  record OptimizerFields(Double lr, Double momentum) {}
}
