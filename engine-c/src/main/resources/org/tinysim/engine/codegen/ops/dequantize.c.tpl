static tsn_status {{fn}}(void)
{
    return tsn_dequantize_s8_f32({{input}}, {{output}}, {{size}}, {{scale}}, {{zeroPoint}});
}
