static tsn_status {{fn}}(void)
{
    return tsn_requantize_s8({{input}}, {{output}}, {{size}}, {{inputOffset}}, {{multiplier}},
                             {{shift}}, {{outputOffset}});
}
