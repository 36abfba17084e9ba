/*
 * Unaligned accesses on the Cortex-M7. A fault handler records the fault and
 * skips the faulting instruction, so all cases run in one go.
 * Host expects, with exit status 0:
 *   ldr trap-off 0x04030201        (plain LDR at +1 works, little-endian)
 *   ldr trap-on exc 6 cfsr 0x01000000   (CCR.UNALIGN_TRP=1: UsageFault UNALIGNED)
 *   ldrd exc 6 cfsr 0x01000000     (LDRD at +2 always faults)
 *   ldm exc 6 cfsr 0x01000000      (LDM at +2 always faults)
 *   unaligned ok
 * Exit status: bit 0 ldr trap-off wrong, 1 ldr trap-on, 2 ldrd, 3 ldm.
 * (UsageFault is enabled in SHCSR; exc 3 would mean it escalated to HardFault.)
 */
#include <stdint.h>
#include "semihosting.h"
#include "stm32f746_regs.h"

#define SENTINEL 0x5A5A5A5Au

static volatile uint8_t buf[16] __attribute__((aligned(8)));
static volatile uint32_t fault_count, fault_exc, fault_cfsr;

/* Records the fault, clears CFSR (write-one-to-clear), steps over the insn. */
__attribute__((used)) static void skip_fault(uint32_t *frame)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    fault_exc = ipsr & 0x1FFu;
    fault_cfsr = SCB_CFSR;
    SCB_CFSR = fault_cfsr;
    fault_count++;
    uint16_t first = *(const uint16_t *)(uintptr_t)frame[6];
    frame[6] += ((first & 0xF800u) >= 0xE800u) ? 4u : 2u;   /* 32- or 16-bit Thumb */
}

__attribute__((naked)) void UsageFault_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "push {r4, lr}\n\t"   /* r4 only keeps the stack 8-byte aligned */
        "bl skip_fault\n\t"
        "pop {r4, pc}\n\t");
}

void HardFault_Handler(void) __attribute__((alias("UsageFault_Handler")));

/* Prints "<name> exc N cfsr 0x..." and checks it was an UNALIGNED UsageFault. */
static int report(const char *name, uint32_t before)
{
    tinysim_sh_write0(name);
    if (fault_count == before) {
        tinysim_sh_write0(" no fault\n");
        return 1;
    }
    tinysim_sh_write0(" exc ");
    tinysim_sh_put_udec(fault_exc);
    tinysim_sh_write0(" cfsr ");
    tinysim_sh_put_hex(fault_cfsr);
    tinysim_sh_writec('\n');
    return !(fault_exc == 6 && (fault_cfsr & SCB_CFSR_UNALIGNED));
}

int main(void)
{
    int bad = 0;
    for (uint32_t i = 0; i < sizeof buf; i++) {
        buf[i] = (uint8_t)i;
    }
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    const volatile uint8_t *p1 = buf + 1, *p2 = buf + 2;

    SCB_CCR &= ~SCB_CCR_UNALIGN_TRP;
    __asm__ volatile("dsb\n\tisb");
    uint32_t a = SENTINEL;   /* a fault leaves it unchanged */
    __asm__ volatile("ldr %0, [%1]" : "+r"(a) : "r"(p1) : "memory");
    tinysim_sh_put_named_hex("ldr trap-off", a);
    bad |= (a != 0x04030201u || fault_count != 0) << 0;

    SCB_CCR |= SCB_CCR_UNALIGN_TRP;
    __asm__ volatile("dsb\n\tisb");
    uint32_t n = fault_count;
    a = SENTINEL;
    __asm__ volatile("ldr %0, [%1]" : "+r"(a) : "r"(p1) : "memory");
    bad |= (report("ldr trap-on", n) || a != SENTINEL) << 1;

    SCB_CCR &= ~SCB_CCR_UNALIGN_TRP;   /* LDRD/LDM must fault regardless */
    __asm__ volatile("dsb\n\tisb");
    n = fault_count;
    /* Fixed registers: LDM needs an ascending list. Values are not checked. */
    register uint32_t ra __asm__("r2") = SENTINEL;
    register uint32_t rb __asm__("r3") = SENTINEL;
    __asm__ volatile("ldrd %0, %1, [%2]" : "+r"(ra), "+r"(rb) : "r"(p2) : "memory");
    bad |= report("ldrd", n) << 2;

    n = fault_count;
    __asm__ volatile("ldm %2, {%0, %1}" : "+r"(ra), "+r"(rb) : "r"(p2) : "memory");
    bad |= report("ldm", n) << 3;

    if (bad == 0) {
        tinysim_sh_write0("unaligned ok\n");
    }
    return bad;
}
