static const tsn_mean_params {{fn}}_params = {
    .input_offset = {{inputOffset}},
    .output_offset = {{outputOffset}},
    .multiplier = {{multiplier}},
    .shift = {{shift}},
};
static const tsn_dims {{fn}}_input_dims = {{inputDims}};

static tsn_status {{fn}}(void)
{
    return tsn_mean_s8(&{{fn}}_params, &{{fn}}_input_dims, {{input}}, {{output}});
}
