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
    .padding = { {{padH}}, {{padW}} },
    .dilation = { {{dilationH}}, {{dilationW}} },
    .activation = { {{actMin}}, {{actMax}} },
};
static const tsn_quant_params {{fn}}_quant = { {{fn}}_multiplier, {{fn}}_shift, 1 };
static const tsn_dims {{fn}}_input_dims = {{inputDims}};
static const tsn_dims {{fn}}_filter_dims = {{filterDims}};
static const tsn_dims {{fn}}_output_dims = {{outputDims}};

static tsn_status {{fn}}(void)
{
    const tsn_context ctx = { {{scratch}}, {{scratchBytes}} };
    return tsn_convolve_wrapper_start_s8(&ctx, &{{fn}}_params, &{{fn}}_quant,
                                         &{{fn}}_input_dims, {{input}},
                                         &{{fn}}_filter_dims, {{filter}}, {{fn}}_start,
                                         &{{fn}}_output_dims, {{output}});
}
