static const int32_t {{fn}}_multiplier[{{channels}}] = {
{{multipliers}}
};
static const int32_t {{fn}}_shift[{{channels}}] = {
{{shifts}}
};
static const tsn_dw_conv_params {{fn}}_params = {
    .input_offset = {{inputOffset}},
    .output_offset = {{outputOffset}},
    .ch_mult = 1,
    .stride = { {{strideH}}, {{strideW}} },
    .padding = { {{padH}}, {{padW}} },
    .dilation = { {{dilationH}}, {{dilationW}} },
    .activation = { {{actMin}}, {{actMax}} },
};
/* {{group}} channels at a time: the kernel sees a {{group}}-channel tensor. */
static const tsn_dims {{fn}}_input_dims = { {{batches}}, {{inH}}, {{inW}}, {{group}} };
static const tsn_dims {{fn}}_filter_dims = { 1, {{kH}}, {{kW}}, {{group}} };
static const tsn_dims {{fn}}_output_dims = { {{batches}}, {{outH}}, {{outW}}, {{group}} };

/*
 * In place: the output takes over the input's arena bytes. Channels c..c+{{group}}-1 are gathered
 * into scratch, convolved into scratch, then scattered over the input's same channels, which no
 * later group reads. Requires ch_mult 1 and an output no larger than the input.
 */
static tsn_status {{fn}}(void)
{
    int8_t *const data = {{input}};
    int8_t *const in_col = {{scratch}};
    int8_t *const out_col = in_col + {{inColBytes}};
    int8_t *const taps = out_col + {{outColBytes}};
    const tsn_context ctx = { NULL, 0 };
    for (int32_t c = 0; c < {{channels}}; c += {{group}}) {
        for (int32_t i = 0; i < {{inPixels}}; i++) {
            __builtin_memcpy(in_col + i * {{group}}, data + i * {{channels}} + c, {{group}});
        }
        for (int32_t i = 0; i < {{taps}}; i++) {
            __builtin_memcpy(taps + i * {{group}}, {{filter}} + i * {{channels}} + c, {{group}});
        }
        const tsn_quant_params quant = { {{fn}}_multiplier + c, {{fn}}_shift + c, 1 };
        const int32_t *bias = {{bias}};
        tsn_status status = tsn_depthwise_conv_wrapper_s8(&ctx, &{{fn}}_params, &quant,
                                                          &{{fn}}_input_dims, in_col,
                                                          &{{fn}}_filter_dims, taps,
                                                          bias ? bias + c : NULL,
                                                          &{{fn}}_output_dims, out_col);
        if (status != TSN_SUCCESS) {
            return status;
        }
        for (int32_t i = 0; i < {{outPixels}}; i++) {
            __builtin_memcpy(data + i * {{channels}} + c, out_col + i * {{group}}, {{group}});
        }
    }
    return TSN_SUCCESS;
}
