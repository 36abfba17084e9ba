static const int32_t {{fn}}_multiplier[{{channels}}] = {
{{multipliers}}
};
static const int32_t {{fn}}_shift[{{channels}}] = {
{{shifts}}
};
/* bias + input_offset * filter row sum, per channel (folded at compile time) */
static const int32_t {{fn}}_start[{{channels}}] = {
{{starts}}
};
static const tsn_conv_params {{fn}}_params = {
    .input_offset = {{inputOffset}},
    .output_offset = {{outputOffset}},
    .stride = { {{strideH}}, {{strideW}} },
    .padding = { 0, 0 },
    .dilation = { {{dilationH}}, {{dilationW}} },
    .activation = { {{actMin}}, {{actMax}} },
};
static const tsn_quant_params {{fn}}_quant = { {{fn}}_multiplier, {{fn}}_shift, 1 };
static const tsn_dims {{fn}}_filter_dims = {{filterDims}};

/* One patch: dims and border padding come from the patch's geometry row. */
static tsn_status {{fn}}(const tinysim_patch_geom *g)
{
    const tsn_context ctx = { {{scratch}}, {{scratchBytes}} };
    tsn_conv_params params = {{fn}}_params;
    params.padding.h = g->pad_top;
    params.padding.w = g->pad_left;
    const tsn_dims input_dims = { 1, g->in_h, g->in_w, {{inDepth}} };
    const tsn_dims output_dims = { 1, g->out_h, g->out_w, {{outDepth}} };
    return tsn_convolve_wrapper_start_s8(&ctx, &params, &{{fn}}_quant, &input_dims, {{input}},
                                         &{{fn}}_filter_dims, {{filter}}, {{fn}}_start,
                                         &output_dims, {{output}});
}
