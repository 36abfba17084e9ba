/**
 * int8 graph to C compiler (TinyEngine style: generated code, no interpreter).
 *
 * <p>{@link org.tinysim.engine.codegen.CodeGenerator} takes a {@link
 * org.tinysim.engine.prepare.PreparedGraph} and produces a {@link
 * org.tinysim.engine.codegen.GeneratedModel}: model.h, model.c (one static function per op calling
 * a tsn_ kernel with const parameter structs; activations at fixed offsets in one {@code .noinit}
 * arena), model_weights.c/.h (const arrays in flash) and main.c (the host-ABI loop: {@code bkpt
 * 0x42}, {@code tinysim_command}, {@code tinysim_layer_cycles}). All C text comes from templates
 * under this package's resources, rendered by {@link org.tinysim.engine.codegen.Template}; each op
 * kind has one {@link org.tinysim.engine.codegen.KernelEmitter} in the {@link
 * org.tinysim.engine.codegen.KernelRegistry}.
 *
 * <p>In-place depthwise: the tsn depthwise kernel streams the whole output while still reading
 * input, so it is never run over its own input. The generator asks the planner for in-place outputs
 * of multiplier-1 depthwise ops (all of them with {@code CodegenOptions.inPlace}, else those that
 * set the arena's peak) and, where granted, emits a variant that gathers a group of channels into
 * scratch, runs the kernel on them and scatters the result back; the group is as large as the
 * scratch the planner could grant without raising the arena.
 *
 * <p>Memory rewrites ({@code CodegenOptions.fuse}, on by default; training turns it off because
 * backward reads every saved activation): a PAD read only by a convolution is folded into it
 * ({@link org.tinysim.engine.codegen.PadFusion}), and the float graph input's QUANTIZE (a multiply
 * by a compile-time reciprocal, exact against the division) writes its int8 output over its own
 * input.
 */
package org.tinysim.engine.codegen;
