/*
 * Exception entry/return preserves the interrupted context.
 *  1. SVC #1: r0-r3, r12 and APSR.NZCVQ loaded with known values, the handler
 *     clobbers them all; after return they must be intact and the handler
 *     must have seen SVC number 1 through the stacked PC.
 *  2. PendSV via ICSR.PENDSVSET: same register/flag check.
 *  3. SVC #2 with live FP state: s0-s3 and FPSCR set, the handler clobbers
 *     them; the extended (FP) frame must restore them.
 * Host expects:
 *   "svc lr 0xFFFFFFF9" (thread, MSP, no FP context: nothing used FP yet)
 *   "svc ok", "pendsv ok",
 *   "fp svc lr 0xFFFFFFE9" (EXC_RETURN bit 4 clear: extended frame)
 *   "fp ok", "exceptions ok", exit 0.
 * Exit 1: SVC lost registers/flags, 2: SVC handler not run or wrong number,
 * 3: PendSV failure, 4: FP context lost.
 */
#include <stdint.h>
#include "semihosting.h"
#include "stm32f746_regs.h"

#define V0  0xA0A0A0A0u
#define V1  0xB1B1B1B1u
#define V2  0xC2C2C2C2u
#define V3  0xD3D3D3D3u
#define V12 0xECECECECu
#define FLAGS 0xF8000000u   /* N Z C V Q */
#define FPSCR_FLAGS 0xF0000000u

static volatile uint32_t svc_count, svc_number, svc_lr, pendsv_count;

__attribute__((used)) static void svc_c(const uint32_t *frame, uint32_t exc_return)
{
    const uint16_t *pc = (const uint16_t *)(uintptr_t)frame[6];
    svc_number = pc[-1] & 0xFFu;   /* the SVC instruction's immediate */
    svc_lr = exc_return;
    svc_count++;
    if (svc_number == 2) {
        /* Different values in the caller-saved FP registers and FPSCR. */
        __asm__ volatile(
            "vmov.f32 s0, #-1.0\n\t"
            "vmov.f32 s1, #-2.0\n\t"
            "vmov.f32 s2, #-3.0\n\t"
            "vmov.f32 s3, #-4.0\n\t"
            "vmsr fpscr, %0\n\t" :: "r"(0u) : "s0", "s1", "s2", "s3");
    }
}

__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "mov r1, lr\n\t"
        "push {r4, lr}\n\t"
        "bl svc_c\n\t"
        /* Trash everything the frame must restore. */
        "movs r0, #0\n\t"
        "movs r1, #0\n\t"
        "movs r2, #0\n\t"
        "movs r3, #0\n\t"
        "mov r12, r0\n\t"
        "msr apsr_nzcvq, r0\n\t"
        "pop {r4, pc}\n\t");
}

void PendSV_Handler(void)
{
    pendsv_count++;
    __asm__ volatile(
        "movs r0, #0\n\tmovs r1, #0\n\tmovs r2, #0\n\tmovs r3, #0\n\tmov r12, r0\n\t"
        "msr apsr_nzcvq, r0\n\t" ::: "r0", "r1", "r2", "r3", "r12", "cc");
}

static int test_svc(void)
{
    register uint32_t r0 __asm__("r0") = V0;
    register uint32_t r1 __asm__("r1") = V1;
    register uint32_t r2 __asm__("r2") = V2;
    register uint32_t r3 __asm__("r3") = V3;
    register uint32_t r12 __asm__("r12") = V12;
    uint32_t apsr;
    __asm__ volatile(
        "msr apsr_nzcvq, %[f]\n\t"
        "svc #1\n\t"
        "mrs %[a], apsr\n\t"
        : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r12), [a] "=&r"(apsr)
        : [f] "r"(FLAGS) : "memory", "cc");
    /* Compare before any call can reuse r0-r3/r12. */
    int regs_ok = r0 == V0 && r1 == V1 && r2 == V2 && r3 == V3 && r12 == V12
               && (apsr & FLAGS) == FLAGS;
    tinysim_sh_put_named_hex("svc lr", svc_lr);
    if (svc_count != 1 || svc_number != 1) {
        return 2;
    }
    return regs_ok ? 0 : 1;
}

static int test_pendsv(void)
{
    register uint32_t r0 __asm__("r0") = V0;
    register uint32_t r1 __asm__("r1") = V1;
    register uint32_t r2 __asm__("r2") = V2;
    register uint32_t r3 __asm__("r3") = V3;
    register uint32_t r12 __asm__("r12") = V12;
    uint32_t apsr;
    __asm__ volatile(
        "msr apsr_nzcvq, %[f]\n\t"
        "str %[pend], [%[icsr]]\n\t"
        "dsb\n\t"
        "isb\n\t"                      /* PendSV is taken here */
        "mrs %[a], apsr\n\t"
        : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r12), [a] "=&r"(apsr)
        : [f] "r"(FLAGS), [pend] "r"(SCB_ICSR_PENDSVSET), [icsr] "r"(&SCB_ICSR)
        : "memory", "cc");
    int regs_ok = r0 == V0 && r1 == V1 && r2 == V2 && r3 == V3 && r12 == V12
               && (apsr & FLAGS) == FLAGS;
    return (regs_ok && pendsv_count == 1) ? 0 : 3;
}

static int test_fp(void)
{
    register float s0 __asm__("s0") = 1.0f;
    register float s1 __asm__("s1") = 2.0f;
    register float s2 __asm__("s2") = 3.0f;
    register float s3 __asm__("s3") = 4.0f;
    uint32_t fpscr;
    __asm__ volatile(
        "vmsr fpscr, %[f]\n\t"
        "svc #2\n\t"
        "vmrs %[out], fpscr\n\t"
        : "+t"(s0), "+t"(s1), "+t"(s2), "+t"(s3), [out] "=r"(fpscr)
        : [f] "r"(FPSCR_FLAGS) : "memory");
    int ok = s0 == 1.0f && s1 == 2.0f && s2 == 3.0f && s3 == 4.0f
          && (fpscr & FPSCR_FLAGS) == FPSCR_FLAGS;
    tinysim_sh_put_named_hex("fp svc lr", svc_lr);
    return (ok && svc_count == 2 && svc_number == 2) ? 0 : 4;
}

int main(void)
{
    int rc = test_svc();
    if (rc) {
        return rc;
    }
    tinysim_sh_write0("svc ok\n");
    rc = test_pendsv();
    if (rc) {
        return rc;
    }
    tinysim_sh_write0("pendsv ok\n");
    rc = test_fp();
    if (rc) {
        return rc;
    }
    tinysim_sh_write0("fp ok\nexceptions ok\n");
    return 0;
}
