static const tsn_pool_params {{fn}}_params = {
    .stride = { {{strideH}}, {{strideW}} },
    .padding = { {{padH}}, {{padW}} },
    .activation = { {{actMin}}, {{actMax}} },
};
static const tsn_dims {{fn}}_input_dims = {{inputDims}};
static const tsn_dims {{fn}}_filter_dims = { 1, {{filterH}}, {{filterW}}, 1 };
static const tsn_dims {{fn}}_output_dims = {{outputDims}};

static tsn_status {{fn}}(void)
{
    const tsn_context ctx = { NULL, 0 };
    return {{kernel}}(&ctx, &{{fn}}_params, &{{fn}}_input_dims, {{input}},
                      &{{fn}}_filter_dims, &{{fn}}_output_dims, {{output}});
}
