/*
 * Cortex-M7 / STM32F746 startup: vector table, reset and default handlers.
 * Every handler but SysTick's (weak in board.c) is a weak alias of
 * Default_Handler, so a firmware overrides one just by defining a function of
 * the same name (IRQn_Handler for external interrupt n, n = 0..97).
 */
#include <stdint.h>
#include "runtime.h"
#include "semihosting.h"
#include "stm32f746_regs.h"

#define WEAK_ALIAS(name) \
    void name(void) __attribute__((weak, alias("Default_Handler")))

void Reset_Handler(void);
void Default_Handler(void);
WEAK_ALIAS(NMI_Handler);
WEAK_ALIAS(HardFault_Handler);
WEAK_ALIAS(MemManage_Handler);
WEAK_ALIAS(BusFault_Handler);
WEAK_ALIAS(UsageFault_Handler);
WEAK_ALIAS(SVC_Handler);
WEAK_ALIAS(DebugMon_Handler);
WEAK_ALIAS(PendSV_Handler);
/* Weak in board.c (the tick count), so an RTOS port can own the vector. */
void SysTick_Handler(void);
WEAK_ALIAS(IRQ0_Handler); WEAK_ALIAS(IRQ1_Handler); WEAK_ALIAS(IRQ2_Handler); WEAK_ALIAS(IRQ3_Handler);
WEAK_ALIAS(IRQ4_Handler); WEAK_ALIAS(IRQ5_Handler); WEAK_ALIAS(IRQ6_Handler); WEAK_ALIAS(IRQ7_Handler);
WEAK_ALIAS(IRQ8_Handler); WEAK_ALIAS(IRQ9_Handler); WEAK_ALIAS(IRQ10_Handler); WEAK_ALIAS(IRQ11_Handler);
WEAK_ALIAS(IRQ12_Handler); WEAK_ALIAS(IRQ13_Handler); WEAK_ALIAS(IRQ14_Handler); WEAK_ALIAS(IRQ15_Handler);
WEAK_ALIAS(IRQ16_Handler); WEAK_ALIAS(IRQ17_Handler); WEAK_ALIAS(IRQ18_Handler); WEAK_ALIAS(IRQ19_Handler);
WEAK_ALIAS(IRQ20_Handler); WEAK_ALIAS(IRQ21_Handler); WEAK_ALIAS(IRQ22_Handler); WEAK_ALIAS(IRQ23_Handler);
WEAK_ALIAS(IRQ24_Handler); WEAK_ALIAS(IRQ25_Handler); WEAK_ALIAS(IRQ26_Handler); WEAK_ALIAS(IRQ27_Handler);
WEAK_ALIAS(IRQ28_Handler); WEAK_ALIAS(IRQ29_Handler); WEAK_ALIAS(IRQ30_Handler); WEAK_ALIAS(IRQ31_Handler);
WEAK_ALIAS(IRQ32_Handler); WEAK_ALIAS(IRQ33_Handler); WEAK_ALIAS(IRQ34_Handler); WEAK_ALIAS(IRQ35_Handler);
WEAK_ALIAS(IRQ36_Handler); WEAK_ALIAS(IRQ37_Handler); WEAK_ALIAS(IRQ38_Handler); WEAK_ALIAS(IRQ39_Handler);
WEAK_ALIAS(IRQ40_Handler); WEAK_ALIAS(IRQ41_Handler); WEAK_ALIAS(IRQ42_Handler); WEAK_ALIAS(IRQ43_Handler);
WEAK_ALIAS(IRQ44_Handler); WEAK_ALIAS(IRQ45_Handler); WEAK_ALIAS(IRQ46_Handler); WEAK_ALIAS(IRQ47_Handler);
WEAK_ALIAS(IRQ48_Handler); WEAK_ALIAS(IRQ49_Handler); WEAK_ALIAS(IRQ50_Handler); WEAK_ALIAS(IRQ51_Handler);
WEAK_ALIAS(IRQ52_Handler); WEAK_ALIAS(IRQ53_Handler); WEAK_ALIAS(IRQ54_Handler); WEAK_ALIAS(IRQ55_Handler);
WEAK_ALIAS(IRQ56_Handler); WEAK_ALIAS(IRQ57_Handler); WEAK_ALIAS(IRQ58_Handler); WEAK_ALIAS(IRQ59_Handler);
WEAK_ALIAS(IRQ60_Handler); WEAK_ALIAS(IRQ61_Handler); WEAK_ALIAS(IRQ62_Handler); WEAK_ALIAS(IRQ63_Handler);
WEAK_ALIAS(IRQ64_Handler); WEAK_ALIAS(IRQ65_Handler); WEAK_ALIAS(IRQ66_Handler); WEAK_ALIAS(IRQ67_Handler);
WEAK_ALIAS(IRQ68_Handler); WEAK_ALIAS(IRQ69_Handler); WEAK_ALIAS(IRQ70_Handler); WEAK_ALIAS(IRQ71_Handler);
WEAK_ALIAS(IRQ72_Handler); WEAK_ALIAS(IRQ73_Handler); WEAK_ALIAS(IRQ74_Handler); WEAK_ALIAS(IRQ75_Handler);
WEAK_ALIAS(IRQ76_Handler); WEAK_ALIAS(IRQ77_Handler); WEAK_ALIAS(IRQ78_Handler); WEAK_ALIAS(IRQ79_Handler);
WEAK_ALIAS(IRQ80_Handler); WEAK_ALIAS(IRQ81_Handler); WEAK_ALIAS(IRQ82_Handler); WEAK_ALIAS(IRQ83_Handler);
WEAK_ALIAS(IRQ84_Handler); WEAK_ALIAS(IRQ85_Handler); WEAK_ALIAS(IRQ86_Handler); WEAK_ALIAS(IRQ87_Handler);
WEAK_ALIAS(IRQ88_Handler); WEAK_ALIAS(IRQ89_Handler); WEAK_ALIAS(IRQ90_Handler); WEAK_ALIAS(IRQ91_Handler);
WEAK_ALIAS(IRQ92_Handler); WEAK_ALIAS(IRQ93_Handler); WEAK_ALIAS(IRQ94_Handler); WEAK_ALIAS(IRQ95_Handler);
WEAK_ALIAS(IRQ96_Handler); WEAK_ALIAS(IRQ97_Handler);

typedef void (*vector_t)(void);

/* 16 system entries + 98 STM32F746 interrupts; placed at 0x08000000. */
__attribute__((section(".isr_vector"), used))
const vector_t tinysim_vectors[16 + 98] = {
    (vector_t)(uintptr_t)_estack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0, 0, 0, 0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
    IRQ0_Handler, IRQ1_Handler, IRQ2_Handler, IRQ3_Handler, IRQ4_Handler, IRQ5_Handler,
    IRQ6_Handler, IRQ7_Handler, IRQ8_Handler, IRQ9_Handler, IRQ10_Handler, IRQ11_Handler,
    IRQ12_Handler, IRQ13_Handler, IRQ14_Handler, IRQ15_Handler, IRQ16_Handler, IRQ17_Handler,
    IRQ18_Handler, IRQ19_Handler, IRQ20_Handler, IRQ21_Handler, IRQ22_Handler, IRQ23_Handler,
    IRQ24_Handler, IRQ25_Handler, IRQ26_Handler, IRQ27_Handler, IRQ28_Handler, IRQ29_Handler,
    IRQ30_Handler, IRQ31_Handler, IRQ32_Handler, IRQ33_Handler, IRQ34_Handler, IRQ35_Handler,
    IRQ36_Handler, IRQ37_Handler, IRQ38_Handler, IRQ39_Handler, IRQ40_Handler, IRQ41_Handler,
    IRQ42_Handler, IRQ43_Handler, IRQ44_Handler, IRQ45_Handler, IRQ46_Handler, IRQ47_Handler,
    IRQ48_Handler, IRQ49_Handler, IRQ50_Handler, IRQ51_Handler, IRQ52_Handler, IRQ53_Handler,
    IRQ54_Handler, IRQ55_Handler, IRQ56_Handler, IRQ57_Handler, IRQ58_Handler, IRQ59_Handler,
    IRQ60_Handler, IRQ61_Handler, IRQ62_Handler, IRQ63_Handler, IRQ64_Handler, IRQ65_Handler,
    IRQ66_Handler, IRQ67_Handler, IRQ68_Handler, IRQ69_Handler, IRQ70_Handler, IRQ71_Handler,
    IRQ72_Handler, IRQ73_Handler, IRQ74_Handler, IRQ75_Handler, IRQ76_Handler, IRQ77_Handler,
    IRQ78_Handler, IRQ79_Handler, IRQ80_Handler, IRQ81_Handler, IRQ82_Handler, IRQ83_Handler,
    IRQ84_Handler, IRQ85_Handler, IRQ86_Handler, IRQ87_Handler, IRQ88_Handler, IRQ89_Handler,
    IRQ90_Handler, IRQ91_Handler, IRQ92_Handler, IRQ93_Handler, IRQ94_Handler, IRQ95_Handler,
    IRQ96_Handler, IRQ97_Handler,
};

__attribute__((weak)) void SystemInit(void)
{
}

/* Runs before .data/.bss exist. GCC may turn these loops into memcpy/memset
 * calls, which is fine: newlib's use no initialised data. */
static void copy_words(uint32_t *dst, const uint32_t *src, const uint32_t *end)
{
    while (dst < end) {
        *dst++ = *src++;
    }
}

__attribute__((noreturn, used)) static void reset_c(void)
{
    /* FPU first: the hard-float ABI may touch s-registers anywhere. */
    SCB_CPACR |= SCB_CPACR_CP10_CP11_FULL;
    __asm__ volatile("dsb\n\tisb" ::: "memory");

    /* Boot may come via the 0x00200000 alias; make exceptions use our table. */
    SCB_VTOR = (uint32_t)(uintptr_t)tinysim_vectors;

    copy_words((uint32_t *)_s_itcm_text, (const uint32_t *)_sitcm, (const uint32_t *)_e_itcm_text);
    copy_words((uint32_t *)_sdata, (const uint32_t *)_sidata, (const uint32_t *)_edata);
    for (uint32_t *p = (uint32_t *)_sbss; p < (uint32_t *)_ebss; p++) {
        *p = 0;
    }
    /* Code was just written to ITCM: complete the writes before fetching it. */
    __asm__ volatile("dsb\n\tisb" ::: "memory");

    SystemInit();

    extern vector_t __init_array_start[], __init_array_end[];
    for (vector_t *f = __init_array_start; f < __init_array_end; f++) {
        (*f)();
    }

    tinysim_sh_exit(main());
}

/* Reloads MSP so a debugger "load + jump" starts like a real reset. */
__attribute__((naked, noreturn)) void Reset_Handler(void)
{
    __asm__ volatile(
        "movw r0, #:lower16:_estack\n\t"
        "movt r0, #:upper16:_estack\n\t"
        "msr msp, r0\n\t"
        "b reset_c\n\t");
}

/*
 * Reports "unhandled exception N" (N = IPSR) and, when the stacked frame lies
 * in RAM, the faulting PC; then exits with status 128 + N.
 */
__attribute__((noreturn, used)) static void default_handler_c(const uint32_t *frame)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1FFu;
    tinysim_sh_write0("unhandled exception ");
    tinysim_sh_put_udec(ipsr);
    tinysim_sh_writec('\n');
    uint32_t f = (uint32_t)(uintptr_t)frame;
    if (f >= 0x20000000u && f <= 0x20050000u - 32u) {
        tinysim_sh_put_named_hex("pc", frame[6]);
    }
    tinysim_sh_exit(128 + (int)ipsr);
}

/* Picks the stack the exception frame was pushed to (EXC_RETURN bit 2). */
__attribute__((naked)) void Default_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "b default_handler_c\n\t");
}
