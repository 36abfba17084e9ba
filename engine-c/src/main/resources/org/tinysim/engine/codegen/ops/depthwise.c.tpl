static const int32_t {{fn}}_multiplier[{{channels}}] = {
{{multipliers}}
};
static const int32_t {{fn}}_shift[{{channels}}] = {
{{shifts}}
};
static const tsn_dw_conv_params {{fn}}_params = {
    .input_offset = {{inputOffset}},
    .output_offset = {{outputOffset}},
    .ch_mult = {{depthMultiplier}},
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
    /* the plane kernel's scratch or the 3x3 kernel's widened copy when granted; without it
     * the 3x3 kernel's direct route or the general kernel runs */
    const tsn_context ctx = { {{planeScratch}}, {{scratchBytes}} };
    return tsn_depthwise_conv_wrapper_s8(&ctx, &{{fn}}_params, &{{fn}}_quant,
                                         &{{fn}}_input_dims, {{input}},
                                         &{{fn}}_filter_dims, {{filter}}, {{bias}},
                                         &{{fn}}_output_dims, {{output}});
}
