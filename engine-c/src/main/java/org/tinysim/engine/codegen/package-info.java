/**
 * int8 graph to C compiler (TinyEngine style: generated code, no interpreter).
 *
 * <p>{@link org.tinysim.engine.codegen.CodeGenerator} takes a
 * {@link org.tinysim.engine.prepare.PreparedGraph} and produces a
 * {@link org.tinysim.engine.codegen.GeneratedModel}: model.h, model.c (one static function per op
 * calling a tsn_ kernel with const parameter structs; activations at fixed offsets in one
 * {@code .noinit} arena), model_weights.c/.h (const arrays in flash) and main.c (the host-ABI
 * loop: {@code bkpt 0x42}, {@code tinysim_command}, {@code tinysim_layer_cycles}). All C text
 * comes from templates under this package's resources, rendered by
 * {@link org.tinysim.engine.codegen.Template}; each op kind has one
 * {@link org.tinysim.engine.codegen.KernelEmitter} in the
 * {@link org.tinysim.engine.codegen.KernelRegistry}.
 *
 * <p>In-place depthwise: the tsn depthwise kernel streams the whole output while still reading
 * input, so it is never run over its own input. With {@code CodegenOptions.inPlace} the generator
 * asks the planner for in-place outputs of multiplier-1 depthwise ops and, where granted, emits a
 * per-channel variant (gather channel, run the kernel on one channel, scatter back) that is safe.
 */
package org.tinysim.engine.codegen;
