/* tinysim's CoreMark port: board setup, DWT->CYCCNT timing, seeds, and a stack in DTCM.
 *
 * Set-up, matching issue 13's silicon runs as far as this board allows: code in flash (0x08000000,
 * AXIM) with FLASH_ACR at 7 wait states and the L1 I-cache on; the data block (.bss) and the stack
 * in DTCM (0x20000000); the L1 D-cache on (DCACHE=1) so that literal pools and constants read from
 * flash are cached, as on the silicon where they sat in TCM. DTCM itself is never cached, so the
 * D-cache changes nothing for the data block and the stack.
 *
 * The core stays on the 16 MHz HSI: 2000 iterations then take >= 10 simulated seconds, as
 * CoreMark's run rules ask, at a fifth of the host time 216 MHz would need. CoreMark/MHz does not
 * depend on the clock: the cycle model's only clock-related input is the wait-state count.
 *
 * Exit status: 0 when CoreMark printed "Correct operation validated", 3 when it did not, 2 when the
 * board could not be set up as above. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "board.h"
#include "process_stack.h"
#include "coremark.h"

#ifndef ITERATIONS
#define ITERATIONS 2000
#endif
#ifndef DCACHE
#define DCACHE 1
#endif

#define CORE_HZ BOARD_HSI_HZ
#define FLASH_WAIT_STATES 7u
#define DTCM_END 0x20010000u
#define STACK_WORDS 2048u

/* CoreMark's performance run: seeds 0, 0, 0x66 select its 6k performance parameters. */
volatile ee_s32 seed1_volatile = 0;
volatile ee_s32 seed2_volatile = 0;
volatile ee_s32 seed3_volatile = 0x66;
volatile ee_s32 seed4_volatile = ITERATIONS;
volatile ee_s32 seed5_volatile = 0;
ee_u32 default_num_contexts = 1;

/* The stack CoreMark runs on: .bss, so DTCM (checked in main). */
static uint32_t dtcm_stack[STACK_WORDS] __attribute__((aligned(8)));
/* Read by the emulator: the lowest address the process stack may reach. */
volatile uint32_t tinysim_psp_limit;

static CORE_TICKS start_ticks, stop_ticks;
static int validated;

int coremark_main(void);

void start_time(void)
{
    start_ticks = DWT_CYCCNT;
}

void stop_time(void)
{
    stop_ticks = DWT_CYCCNT;
}

CORE_TICKS get_time(void)
{
    return stop_ticks - start_ticks;
}

secs_ret time_in_secs(CORE_TICKS ticks)
{
    return ticks / CORE_HZ;
}

int ee_printf(const char *format, ...)
{
    static const char VALIDATED[] = "Correct operation validated";
    if (strncmp(format, VALIDATED, sizeof VALIDATED - 1) == 0) {
        validated = 1;
    }
    va_list args;
    va_start(args, format);
    int written = vprintf(format, args);
    va_end(args);
    return written;
}

void portable_init(core_portable *p, int *argc, char *argv[])
{
    p->portable_id = 1;
}

void portable_fini(core_portable *p)
{
    p->portable_id = 0;
}

int main(void)
{
    FLASH_ACR = (FLASH_ACR & ~FLASH_ACR_LATENCY_MASK) | FLASH_WAIT_STATES;
    if ((FLASH_ACR & FLASH_ACR_LATENCY_MASK) != FLASH_WAIT_STATES) {
        puts("coremark port: FLASH_ACR did not take 7 wait states");
        return 2;
    }
    if ((uintptr_t)&dtcm_stack[STACK_WORDS] > DTCM_END) {
        puts("coremark port: the stack does not lie in DTCM");
        return 2;
    }
    board_icache(1);
    board_dcache(DCACHE);
    dwt_cycles_enable();
    printf("coremark port: %u MHz, %u wait states, I-cache on, D-cache %s, stack %p-%p\n",
           (unsigned)(CORE_HZ / 1000000u), (unsigned)FLASH_WAIT_STATES, DCACHE ? "on" : "off",
           (void *)dtcm_stack, (void *)&dtcm_stack[STACK_WORDS]);
    tinysim_psp_limit = (uint32_t)(uintptr_t)dtcm_stack;
    board_call_on_process_stack(coremark_main, &dtcm_stack[STACK_WORDS]);
    return validated ? 0 : 3;
}
