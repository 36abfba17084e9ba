static const tsn_softmax_params {{fn}}_params = {
    .input_multiplier = {{inputMultiplier}},
    .input_left_shift = {{inputLeftShift}},
    .diff_min = {{diffMin}},
};

static tsn_status {{fn}}(void)
{
    return tsn_softmax_s8(&{{fn}}_params, {{input}}, {{rows}}, {{rowSize}}, {{output}});
}
