/**
 * Models this project generates itself as ordinary .tflite files (seeded int8 weights, not
 * trained): {@link org.tinysim.engine.models.MobileNetV2Patchable}, committed under models/,
 * and {@link org.tinysim.engine.models.PatchCoverageModel}, a small graph for patch tests.
 */
package org.tinysim.engine.models;
