static const tsn_dims {{fn}}_filter_dims = { 1, {{filterH}}, {{filterW}}, 1 };

/* One patch: dims and border padding come from the patch's geometry row. */
static tsn_status {{fn}}(const tinysim_patch_geom *g)
{
    const tsn_context ctx = { NULL, 0 };
    const tsn_pool_params params = {
        .stride = { {{strideH}}, {{strideW}} },
        .padding = { g->pad_top, g->pad_left },
        .activation = { {{actMin}}, {{actMax}} },
    };
    const tsn_dims input_dims = { 1, g->in_h, g->in_w, {{inDepth}} };
    const tsn_dims output_dims = { 1, g->out_h, g->out_w, {{outDepth}} };
    return {{kernel}}(&ctx, &params, &input_dims, {{input}}, &{{fn}}_filter_dims, &output_dims,
                      {{output}});
}
