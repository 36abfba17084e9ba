/**
 * Patch-based inference (MCUNetV2 style): the first ops of a graph run once per tile of their
 * output on small per-patch buffers, the rest per layer.
 *
 * <p>{@link org.tinysim.engine.patch.PatchStage} is the receptive-field analysis: for a split point
 * K (ops 0..K-1 form the stage, which must hand exactly one tensor to the rest) and an n x n grid
 * over that tensor, it walks back from each tile through every stage op's {@link
 * org.tinysim.engine.patch.Window} (kernel, stride, dilation, top/left padding; PAD is a shifted
 * 1x1 window, ADD and QUANTIZE the identity) and records the exact rows and columns each op
 * computes and reads ({@link org.tinysim.engine.patch.OpPatch}). Regions are clipped to their
 * tensor, so image padding appears inside a patch only at the image border; a tensor read by two
 * ops keeps the union of their regions and the narrower reader copies its part out.
 *
 * <p>The code generator (codegen's PatchStageEmitter, ops/*_patch.c.tpl) runs each op's normal tsn
 * kernel on a patch with patch-local dims and padding, copies regions with a row-copy loop, and
 * writes each tile into the full-size stage output; the arena planner gives the per-patch buffers
 * lifetimes inside one loop iteration, the stage output and the stage's full-size inputs the whole
 * stage. Outputs are bit-identical to the per-layer schedule. {@link
 * org.tinysim.engine.patch.search.PatchSearch} chooses a stage under an SRAM budget.
 */
package org.tinysim.engine.patch;
