/*
 * Known memory footprint, for the emulator's stack/RAM accounting:
 *   big_bss   40000 bytes of .bss, every byte written
 *   data_arr   1000 bytes of .data (non-zero initialiser)
 *   use_stack() a noinline leaf whose frame holds an 8192-byte volatile
 *             array, every byte written; it is the deepest point of the run.
 * It prints (one "NAME 0xXXXXXXXX" line each): estack, stack_limit, main_sp,
 * leaf_sp, local, frame (= main_sp - leaf_sp), peak (= estack - leaf_sp),
 * big_bss, big_bss_size, data_arr, data_arr_size, sdata, edata, sbss, ebss,
 * then "stack_depth ok" and exit 0.
 * Host expects: its lowest observed SP == leaf_sp, i.e. peak stack use ==
 * the printed "peak" (8192 + prologue pushes + startup frames; with GCC 12
 * -O2 this build prints frame 0x2000 and peak 0x2028: the leaf pushes
 * nothing, reset_c + main use 0x28; the printed values are the reference). No interrupts are enabled, so nothing else
 * goes deeper.
 */
#include <stdint.h>
#include "runtime.h"
#include "semihosting.h"

uint8_t big_bss[40000];
uint8_t data_arr[1000] = { [0] = 1, [500] = 2, [999] = 3 };
static volatile uint32_t leaf_sp, local_addr;

__attribute__((noinline)) static uint32_t use_stack(void)
{
    volatile uint8_t local[8192];
    for (uint32_t i = 0; i < sizeof local; i++) {
        local[i] = (uint8_t)i;
    }
    leaf_sp = tinysim_get_sp();   /* no calls from here: this is the minimum SP */
    local_addr = (uint32_t)(uintptr_t)local;
    return local[100] + local[8191];
}

int main(void)
{
    uint32_t main_sp = tinysim_get_sp();
    for (uint32_t i = 0; i < sizeof big_bss; i++) {
        big_bss[i] = (uint8_t)(i * 7u);
    }
    uint32_t sum = use_stack() + data_arr[0] + data_arr[999] + big_bss[39999];

    tinysim_sh_put_named_hex("estack", (uint32_t)(uintptr_t)_estack);
    tinysim_sh_put_named_hex("stack_limit", (uint32_t)(uintptr_t)__stack_limit);
    tinysim_sh_put_named_hex("main_sp", main_sp);
    tinysim_sh_put_named_hex("leaf_sp", leaf_sp);
    tinysim_sh_put_named_hex("local", local_addr);
    tinysim_sh_put_named_hex("frame", main_sp - leaf_sp);
    tinysim_sh_put_named_hex("peak", (uint32_t)(uintptr_t)_estack - leaf_sp);
    tinysim_sh_put_named_hex("big_bss", (uint32_t)(uintptr_t)big_bss);
    tinysim_sh_put_named_hex("big_bss_size", sizeof big_bss);
    tinysim_sh_put_named_hex("data_arr", (uint32_t)(uintptr_t)data_arr);
    tinysim_sh_put_named_hex("data_arr_size", sizeof data_arr);
    tinysim_sh_put_named_hex("sdata", (uint32_t)(uintptr_t)_sdata);
    tinysim_sh_put_named_hex("edata", (uint32_t)(uintptr_t)_edata);
    tinysim_sh_put_named_hex("sbss", (uint32_t)(uintptr_t)_sbss);
    tinysim_sh_put_named_hex("ebss", (uint32_t)(uintptr_t)_ebss);
    /* local[100] + local[8191] + data + bss: keeps all the writes observable */
    tinysim_sh_put_named_hex("sum", sum);
    tinysim_sh_write0("stack_depth ok\n");
    return 0;
}
