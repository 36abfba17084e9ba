/* One patch: element-wise over the patch's region. */
static tsn_status {{fn}}(const tinysim_patch_geom *g)
{
    return tsn_requantize_s8({{input}}, {{output}}, g->out_h * g->out_w * {{outDepth}},
                             {{inputOffset}}, {{multiplier}}, {{shift}}, {{outputOffset}});
}
