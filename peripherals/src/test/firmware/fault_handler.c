/*
 * Faults delivered to the firmware's own handlers, as on silicon. The host
 * picks a case by writing fault_case before the run; every fault handler
 * prints what a standard handler reads and exits with status 0:
 *   "exc N pc 0x... cfsr 0x... hfsr 0x... bfar 0x...\n"
 * Each faulting instruction has a global label (*_site) the host compares
 * the stacked PC with. Cases:
 *   1 load from unmapped 0x60000000, BusFault enabled: BusFault PRECISERR, BFAR
 *   2 the same with BusFault disabled: HardFault FORCED, CFSR PRECISERR
 *   3 SDIV by zero with CCR.DIV_0_TRP and UsageFault enabled: DIVBYZERO
 *   4 SDIV by zero without DIV_0_TRP: no fault, prints "quotient 0", exit 0
 *   5 UDF with UsageFault enabled but BASEPRI masking its priority: HardFault FORCED
 *   6 UDF, then a second UDF inside the HardFault handler: lockup
 *   7 store to unmapped 0x60000000, BusFault enabled: IMPRECISERR, no BFAR
 *   8 the load of case 1 inside SysTick_Handler (board_systick_hook), BusFault disabled
 */
#include <stdint.h>
#include "semihosting.h"
#include "stm32f746_regs.h"

#define SCB_SHPR1 REG32(0xE000ED18u)   /* UsageFault priority in [23:16] */
#define UNMAPPED ((volatile uint32_t *)0x60000000u)

volatile uint32_t fault_case = 1;
static volatile uint32_t sink;

__attribute__((noinline)) static void load_unmapped(void)
{
    __asm__ volatile(".global load_site\nload_site: ldr %0, [%1]" : "=r"(sink) : "r"(UNMAPPED) : "memory");
}

__attribute__((noinline)) static void undefined(void)
{
    __asm__ volatile(".global udf_site\nudf_site: udf #0");
}

__attribute__((used)) static void report_fault(const uint32_t *frame)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    if (fault_case == 6) {
        __asm__ volatile(".global lockup_site\nlockup_site: udf #1");
    }
    tinysim_sh_write0("exc ");
    tinysim_sh_put_udec(ipsr & 0x1FFu);
    tinysim_sh_writec('\n');
    tinysim_sh_put_named_hex("pc", frame[6]);
    tinysim_sh_put_named_hex("cfsr", SCB_CFSR);
    tinysim_sh_put_named_hex("hfsr", SCB_HFSR);
    tinysim_sh_put_named_hex("bfar", SCB_BFAR);
    tinysim_sh_exit(0);
}

__attribute__((naked)) void HardFault_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "b report_fault\n\t");
}

void BusFault_Handler(void) __attribute__((alias("HardFault_Handler")));
void UsageFault_Handler(void) __attribute__((alias("HardFault_Handler")));
void MemManage_Handler(void) __attribute__((alias("HardFault_Handler")));

void board_systick_hook(void)
{
    if (fault_case == 8) {
        load_unmapped();
    }
}

__attribute__((noinline)) static int32_t divide(int32_t a, int32_t b)
{
    int32_t q;
    __asm__ volatile(".global div_site\ndiv_site: sdiv %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
    return q;
}

int main(void)
{
    int32_t zero = (int32_t)(fault_case & 0x100u); /* 0, unknown to the compiler */
    switch (fault_case) {
    case 1:
        SCB_SHCSR |= SCB_SHCSR_BUSFAULTENA;
        load_unmapped();
        break;
    case 2:
        load_unmapped();
        break;
    case 3:
        SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
        SCB_CCR |= SCB_CCR_DIV_0_TRP;
        __asm__ volatile("dsb\n\tisb");
        sink = (uint32_t)divide(7, zero);
        break;
    case 4:
        sink = (uint32_t)divide(7, zero);
        tinysim_sh_put_named_hex("quotient", sink);
        return 0;
    case 5:
        SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
        SCB_SHPR1 = 0x80u << 16; /* UsageFault priority 0x80 */
        __asm__ volatile("msr basepri, %0" : : "r"(0x40u));
        undefined();
        break;
    case 6:
        undefined();
        break;
    case 7:
        SCB_SHCSR |= SCB_SHCSR_BUSFAULTENA;
        __asm__ volatile(".global store_site\nstore_site: str %0, [%1]\n\tnop" : : "r"(7u), "r"(UNMAPPED) : "memory");
        break;
    case 8:
        SYST_RVR = 999u;
        SYST_CVR = 0u;
        SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
        for (int i = 0; i < 4; i++) {
            __asm__ volatile("wfi");
        }
        break;
    default:
        break;
    }
    tinysim_sh_write0("no fault\n");
    return 1;
}
