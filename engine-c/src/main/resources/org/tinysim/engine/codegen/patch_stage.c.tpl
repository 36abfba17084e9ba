/*
 * Patch stage: ops 0..{{lastOp}} run once per tile of '{{output}}' ({{grid}}x{{grid}} tiles), on
 * per-patch buffers that hold only the tile's receptive field; each tile is then copied into the
 * full-size stage output.
 */
#include <string.h>

/* One op on one patch: input/output extent and the image-border padding inside the patch. */
typedef struct {
    int16_t in_h, in_w, pad_top, pad_left, out_h, out_w, pad_bottom, pad_right;
} tinysim_patch_geom;

/* A block of rows between two buffers; offsets and strides in bytes. */
typedef struct {
    int32_t src, dst, rows, row_bytes, src_stride, dst_stride;
} tinysim_patch_copy;

static void tinysim_patch_copy_rows(int8_t *dst, const int8_t *src, const tinysim_patch_copy *c)
{
    dst += c->dst;
    src += c->src;
    for (int32_t r = 0; r < c->rows; r++) {
        memcpy(dst, src, (size_t)c->row_bytes);
        dst += c->dst_stride;
        src += c->src_stride;
    }
}

{{#stageOps}}
/* ---- op {{index}}: {{opName}} {{shapes}}, one patch at a time ---- */
{{source}}
static const tinysim_patch_geom {{fn}}_geom[{{patches}}] = {
{{geometry}}
};
{{#copies}}
static const tinysim_patch_copy {{table}}[{{patches}}] = {
{{rows}}
};
{{/copies}}

{{/stageOps}}
static int tinysim_patch_stage(void)
{
    uint32_t start;
{{#stageOps}}
    tinysim_layer_cycles[{{index}}] = 0;
{{/stageOps}}
    for (int32_t p = 0; p < {{patches}}; p++) {
{{#stageOps}}
        start = dwt_cycles();
{{#gathers}}
        tinysim_patch_copy_rows({{dst}}, {{src}}, &{{table}}[p]);
{{/gathers}}
        if ({{fn}}(&{{fn}}_geom[p]) != TSN_SUCCESS) {
            return {{number}};
        }
{{#scatters}}
        tinysim_patch_copy_rows({{dst}}, {{src}}, &{{table}}[p]);
{{/scatters}}
        tinysim_layer_cycles[{{index}}] += dwt_cycles() - start;
{{/stageOps}}
    }
    return 0;
}
