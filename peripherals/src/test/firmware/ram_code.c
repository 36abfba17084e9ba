/*
 * Self-modifying code in SRAM: a function is written into a buffer that first held data, called,
 * rewritten and called again. Each call must run the code as last written (Unicorn invalidates the
 * stale translation on the store), also with fast RAM stores on. Then data stores next to the code
 * and in a region far from it. Prints "1 2 3 4 sum S".
 */
#include <stdint.h>
#include "semihosting.h"

#define THUMB_MOVS_R0(imm) ((uint16_t)(0x2000u | (imm)))
#define THUMB_BX_LR 0x4770u

static uint16_t code[8] __attribute__((aligned(4)));
static uint32_t far_data[2048];

typedef uint32_t (*ram_function)(void);

static uint32_t call_code(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    return ((ram_function)((uintptr_t)code | 1u))();
}

int main(void)
{
    for (uint32_t i = 0; i < 8; i++) {
        code[i] = (uint16_t)(0xBF00u + i); /* data first: the region holds no code yet */
    }
    for (uint32_t k = 1; k <= 4; k++) {
        code[0] = THUMB_MOVS_R0(k);
        code[1] = THUMB_BX_LR;
        tinysim_sh_put_udec(call_code());
        tinysim_sh_write0(" ");
    }
    uint32_t sum = 0;
    for (uint32_t round = 0; round < 64; round++) {
        code[2 + (round & 3)] = (uint16_t)round; /* beside the code: still checked, still correct */
        for (uint32_t i = 0; i < 2048; i++) {
            far_data[i] += i ^ round;
        }
    }
    for (uint32_t i = 0; i < 2048; i++) {
        sum += far_data[i];
    }
    sum += code[2] + code[5];
    tinysim_sh_write0("sum ");
    tinysim_sh_put_udec(sum);
    tinysim_sh_write0("\n");
    return 0;
}
