static const tsn_transpose_params {{fn}}_params = { {{rank}}, { {{perm}} } };
static const int32_t {{fn}}_input_shape[{{rank}}] = { {{inputShape}} };

static tsn_status {{fn}}(void)
{
    return tsn_transpose_s8(&{{fn}}_params, {{fn}}_input_shape, {{input}}, {{output}});
}
