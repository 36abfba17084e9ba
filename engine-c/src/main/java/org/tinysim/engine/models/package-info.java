/**
 * Models this project makes itself and writes as ordinary .tflite files: the bundled Fashion-MNIST
 * models (architectures, recipes with seeds and training settings, and the regeneration pipeline
 * train -> calibrate -> int8 .tflite used by {@code tinysim models}), and seeded untrained graphs:
 * {@link org.tinysim.engine.models.MobileNetV2Patchable}, committed under models/, and {@link
 * org.tinysim.engine.models.PatchCoverageModel}, a small graph for patch tests.
 */
package org.tinysim.engine.models;
