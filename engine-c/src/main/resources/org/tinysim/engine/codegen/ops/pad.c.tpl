static const tsn_pad_params {{fn}}_params = {
    .before = { {{before}} },
    .after = { {{after}} },
    .pad_value = {{padValue}},
};
static const tsn_dims {{fn}}_input_dims = {{inputDims}};
static const tsn_dims {{fn}}_output_dims = {{outputDims}};

static tsn_status {{fn}}(void)
{
    return tsn_pad_s8(&{{fn}}_params, &{{fn}}_input_dims, {{input}}, &{{fn}}_output_dims, {{output}});
}
