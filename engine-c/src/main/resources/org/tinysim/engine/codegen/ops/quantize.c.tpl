static tsn_status {{fn}}(void)
{
    return tsn_quantize_f32_s8({{input}}, {{output}}, {{size}}, {{scale}}, {{zeroPoint}});
}
