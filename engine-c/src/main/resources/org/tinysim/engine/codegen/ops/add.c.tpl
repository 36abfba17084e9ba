static const tsn_add_params {{fn}}_params = {
    .input1_offset = {{input1Offset}},
    .input1_multiplier = {{input1Multiplier}},
    .input1_shift = {{input1Shift}},
    .input2_offset = {{input2Offset}},
    .input2_multiplier = {{input2Multiplier}},
    .input2_shift = {{input2Shift}},
    .left_shift = {{leftShift}},
    .output_offset = {{outputOffset}},
    .output_multiplier = {{outputMultiplier}},
    .output_shift = {{outputShift}},
    .activation = { {{actMin}}, {{actMax}} },
};

static tsn_status {{fn}}(void)
{
    const tsn_context ctx = { {{scratch}}, {{scratchBytes}} };
    return tsn_add_s8(&ctx, &{{fn}}_params, {{input1}}, {{input2}}, {{output}}, {{size}});
}
