static const tsn_log_softmax_params {{fn}}_params = {
    .input_multiplier = {{inputMultiplier}},
    .input_shift = {{inputShift}},
    .reverse_multiplier = {{reverseMultiplier}},
    .reverse_shift = {{reverseShift}},
    .diff_min = {{diffMin}},
};

static tsn_status {{fn}}(void)
{
    return tsn_log_softmax_s8(&{{fn}}_params, {{input}}, {{rows}}, {{rowSize}}, {{output}});
}
