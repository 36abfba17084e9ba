static const int32_t {{fn}}_multiplier[{{channels}}] = {
{{multipliers}}
};
static const int32_t {{fn}}_shift[{{channels}}] = {
{{shifts}}
};
static const tsn_fc_params {{fn}}_params = {
    .input_offset = {{inputOffset}},
    .filter_offset = {{filterOffset}},
    .output_offset = {{outputOffset}},
    .activation = { {{actMin}}, {{actMax}} },
};
static const tsn_quant_params {{fn}}_quant = { {{fn}}_multiplier, {{fn}}_shift, {{perChannel}} };
static const tsn_dims {{fn}}_input_dims = { {{batches}}, 1, 1, {{inputDepth}} };
static const tsn_dims {{fn}}_filter_dims = { {{channels}}, 1, 1, {{inputDepth}} };
static const tsn_dims {{fn}}_output_dims = { {{batches}}, 1, 1, {{channels}} };

static tsn_status {{fn}}(void)
{
    const tsn_context ctx = { NULL, 0 };
    return tsn_fully_connected_s8(&ctx, &{{fn}}_params, &{{fn}}_quant,
                                  &{{fn}}_input_dims, {{input}},
                                  &{{fn}}_filter_dims, {{filter}}, {{bias}},
                                  &{{fn}}_output_dims, {{output}});
}
