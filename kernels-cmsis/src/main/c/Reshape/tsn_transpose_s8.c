/*
 * int8 TRANSPOSE of a 1..4-D tensor: output dimension i is input dimension
 * perm[i] (TFLite Transpose semantics). Lower ranks are promoted to 4-D with
 * leading size-1 dimensions so one loop nest serves all ranks.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_transpose_s8_get_buffer_size(const tsn_transpose_params *params)
{
    (void)params;
    return 0;
}

tsn_status tsn_transpose_s8(const tsn_transpose_params *params, const int32_t *input_shape,
                            const int8_t *input_data, int8_t *output_data)
{
    if (!params || !input_shape || !input_data || !output_data || params->num_dims < 1 ||
        params->num_dims > 4) {
        return TSN_ARG_ERROR;
    }
    const int32_t nd = params->num_dims;
    const int32_t lead = 4 - nd;
    int32_t shape[4], perm[4], seen[4] = {0, 0, 0, 0};
    for (int32_t i = 0; i < 4; i++) {
        shape[i] = i < lead ? 1 : input_shape[i - lead];
        perm[i] = i < lead ? i : params->perm[i - lead] + lead;
    }
    for (int32_t i = lead; i < 4; i++) {
        if (perm[i] < lead || perm[i] > 3 || seen[perm[i]]++) {
            return TSN_ARG_ERROR; /* not a permutation */
        }
    }
    int32_t in_stride[4];
    in_stride[3] = 1;
    for (int32_t i = 2; i >= 0; i--) {
        in_stride[i] = in_stride[i + 1] * shape[i + 1];
    }
    const int32_t o0 = shape[perm[0]], o1 = shape[perm[1]], o2 = shape[perm[2]], o3 = shape[perm[3]];
    const int32_t s0 = in_stride[perm[0]], s1 = in_stride[perm[1]];
    const int32_t s2 = in_stride[perm[2]], s3 = in_stride[perm[3]];
    int8_t *dst = output_data;
    for (int32_t a = 0; a < o0; a++) {
        for (int32_t b = 0; b < o1; b++) {
            for (int32_t c = 0; c < o2; c++) {
                const int8_t *src = input_data + a * s0 + b * s1 + c * s2;
                for (int32_t d = 0; d < o3; d++) {
                    *dst++ = src[d * s3];
                }
            }
        }
    }
    return TSN_SUCCESS;
}
