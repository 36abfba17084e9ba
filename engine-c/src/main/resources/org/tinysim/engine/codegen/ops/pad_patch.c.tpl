/* One patch: only the image border's share of the padding lands in this patch. */
static tsn_status {{fn}}(const tinysim_patch_geom *g)
{
    const tsn_pad_params params = {
        .before = { 0, g->pad_top, g->pad_left, 0 },
        .after = { 0, g->pad_bottom, g->pad_right, 0 },
        .pad_value = {{padValue}},
    };
    const tsn_dims input_dims = { 1, g->in_h, g->in_w, {{inDepth}} };
    const tsn_dims output_dims = { 1, g->out_h, g->out_w, {{outDepth}} };
    return tsn_pad_s8(&params, &input_dims, {{input}}, &output_dims, {{output}});
}
