/* One patch: element-wise over the patch's region. */
static tsn_status {{fn}}(const tinysim_patch_geom *g)
{
    return tsn_quantize_f32_s8({{input}}, {{output}}, g->out_h * g->out_w * {{outDepth}},
                               {{scale}}, {{zeroPoint}});
}
