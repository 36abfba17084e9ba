/*
 * The process stack and EXC_RETURN, case by case. The host patches `scenario`
 * before boot:
 *  0: WFI with PRIMASK set wakes for a pending IRQ, taken after CPSIE (F9);
 *     main (MSP) takes SVC without and with FP state (EXC_RETURN F9, E9),
 *     starts a task on a heap-allocated PSP stack by SVC returning with FD,
 *     the task pends PendSV (FD) and checks it is back on the PSP, takes SVC
 *     with FP state (ED), drops privilege (CONTROL.nPRIV) and gets it back
 *     through SVC, and nests an IRQ inside SVC without and with FP state in the
 *     handler (F1, E1). Every EXC_RETURN value and CONTROL is printed.
 *  1: the PendSV handler returns with EXC_RETURN 0xFFFFFFF5 (INVPC).
 *  2: a nested IRQ returns to thread mode (0xFFFFFFF9) while SVC is active (INVPC).
 *  3: data executed as a coprocessor instruction (NOCP).
 *  4: a task on a .bss stack recurses below tinysim_psp_limit.
 */
#include <stdint.h>
#include <stdlib.h>
#include "semihosting.h"
#include "stm32f746_regs.h"

#define SOFT_IRQ 97u
#define NVIC_STIR REG32(0xE000EF00u)
#define NVIC_IPR_BYTE(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E400u + (n)))
#define TASK_STACK_BYTES 1024u

__attribute__((section(".data"))) volatile uint32_t scenario = 0;
volatile uint32_t tinysim_psp_limit;

static uint32_t bss_stack[512] __attribute__((aligned(8)));
static uint32_t *task_sp;
static volatile uint32_t svc_lr, pendsv_lr, irq_lr, irq_fp;

static uint32_t control(void)
{
    uint32_t c;
    __asm__ volatile("mrs %0, control" : "=r"(c));
    return c;
}

static void pend_pendsv(void)
{
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Returns the EXC_RETURN the SVC handler branches to. */
__attribute__((used)) static uint32_t svc_c(const uint32_t *frame, uint32_t exc_return)
{
    uint32_t number = ((const uint16_t *)(uintptr_t)frame[6])[-1] & 0xFFu;
    svc_lr = exc_return;
    switch (number) {
    case 0: /* start the task: thread mode on the PSP */
        __asm__ volatile("msr psp, %0\n\tisb" :: "r"(task_sp) : "memory");
        return 0xFFFFFFFDu;
    case 1: /* clobber caller-saved FP state: the FP frame must restore it */
        __asm__ volatile("vmov.f32 s0, #-1.0" ::: "s0");
        return exc_return;
    case 2: /* give thread mode its privilege back */
        __asm__ volatile("msr control, %0\n\tisb" :: "r"(control() & ~1u) : "memory");
        return exc_return;
    case 3: /* nested IRQ, optionally with FP state live in this handler */
        if (irq_fp) {
            __asm__ volatile("vmov.f32 s1, #1.0" ::: "s1");
        }
        NVIC_STIR = SOFT_IRQ;
        __asm__ volatile("dsb\n\tisb" ::: "memory");
        return exc_return;
    default:
        return exc_return;
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
        "pop {r4, r12}\n\t"
        "bx r0\n\t");
}

__attribute__((used)) static uint32_t pendsv_c(uint32_t exc_return)
{
    pendsv_lr = exc_return;
    return scenario == 1 ? 0xFFFFFFF5u : exc_return;
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "mov r0, lr\n\t"
        "push {r4, lr}\n\t"
        "bl pendsv_c\n\t"
        "pop {r4, r12}\n\t"
        "bx r0\n\t");
}

__attribute__((used)) static uint32_t irq_c(uint32_t exc_return)
{
    irq_lr = exc_return;
    return scenario == 2 ? 0xFFFFFFF9u : exc_return;
}

__attribute__((naked)) void IRQ97_Handler(void)
{
    __asm__ volatile(
        "mov r0, lr\n\t"
        "push {r4, lr}\n\t"
        "bl irq_c\n\t"
        "pop {r4, r12}\n\t"
        "bx r0\n\t");
}

__attribute__((noinline)) static uint32_t recurse(uint32_t depth)
{
    volatile uint32_t scratch[16];
    scratch[depth & 15u] = depth;
    return depth == 0 ? scratch[0] : recurse(depth - 1) + scratch[depth & 15u];
}

static void task(void)
{
    if (scenario == 4) {
        recurse(1000);
        tinysim_sh_exit(7);
    }
    tinysim_sh_put_named_hex("task control", control());
    pend_pendsv();
    uint32_t sp, psp;
    __asm__ volatile("mov %0, sp\n\tmrs %1, psp" : "=r"(sp), "=r"(psp));
    tinysim_sh_put_named_hex("pendsv lr", pendsv_lr);
    tinysim_sh_write0(sp == psp ? "thread sp is psp\n" : "THREAD SP IS NOT PSP\n");
    tinysim_sh_put_named_hex("task control", control());
    if (scenario == 1) {
        tinysim_sh_exit(6);
    }

    register float s0 __asm__("s0") = 2.0f;
    __asm__ volatile("svc 1" : "+t"(s0) :: "memory");
    tinysim_sh_put_named_hex("fp svc lr", svc_lr);
    tinysim_sh_write0(s0 == 2.0f ? "fp kept\n" : "FP LOST\n");
    tinysim_sh_put_named_hex("task control", control());

    __asm__ volatile("msr control, %0\n\tisb" :: "r"(control() | 1u) : "memory");
    tinysim_sh_put_named_hex("unprivileged control", control());
    __asm__ volatile("svc 2" ::: "memory");
    tinysim_sh_put_named_hex("privileged again control", control());

    irq_fp = 0;
    __asm__ volatile("svc 3" ::: "memory");
    tinysim_sh_put_named_hex("nested irq lr", irq_lr);
    irq_fp = 1;
    __asm__ volatile("svc 3" ::: "memory");
    tinysim_sh_put_named_hex("nested fp irq lr", irq_lr);
    tinysim_sh_write0("psp ok\n");
    tinysim_sh_exit(0);
}

/* A task's first context: the exception frame SVC 0 returns through. */
static uint32_t *initial_frame(uint32_t *top)
{
    uint32_t *sp = top;
    *--sp = 0x01000000u;                 /* xPSR: Thumb */
    *--sp = (uint32_t)(uintptr_t)task;   /* PC */
    *--sp = 0;                           /* LR */
    for (int r = 0; r < 5; r++) {
        *--sp = 0;                       /* R12, R3-R0 */
    }
    return sp;
}

__attribute__((noinline)) static void coprocessor_on_data(void)
{
    __asm__ volatile(".inst.w 0xED08E000" ::: "memory");
}

int main(void)
{
    SCB_SHPR2 = 0x80u << 24;             /* SVCall */
    SCB_SHPR3 = (0xF0u << 24) | (0xF0u << 16);
    NVIC_IPR_BYTE(SOFT_IRQ) = 0x40u;     /* preempts SVCall */
    NVIC_ISER(SOFT_IRQ / 32u) = 1u << (SOFT_IRQ % 32u);

    if (scenario == 2) {
        irq_fp = 0;
        __asm__ volatile("svc 3" ::: "memory");
        tinysim_sh_exit(6);
    }
    if (scenario == 3) {
        coprocessor_on_data();
        tinysim_sh_exit(6);
    }

    /* WFI wakes for an interrupt PRIMASK holds back; CPSIE then takes it at once. */
    __asm__ volatile("cpsid i" ::: "memory");
    NVIC_STIR = SOFT_IRQ;
    __asm__ volatile("dsb\n\tisb\n\twfi" ::: "memory");
    tinysim_sh_write0(irq_lr == 0 ? "wfi woke, irq still pending\n" : "IRQ RAN UNDER PRIMASK\n");
    __asm__ volatile("cpsie i\n\tisb" ::: "memory");
    tinysim_sh_put_named_hex("irq after cpsie lr", irq_lr);

    __asm__ volatile("svc 9" ::: "memory");
    tinysim_sh_put_named_hex("main svc lr", svc_lr);
    register float s5 __asm__("s5") = 3.0f;
    __asm__ volatile("svc 9" : "+t"(s5) :: "memory");
    tinysim_sh_put_named_hex("main fp svc lr", svc_lr);

    if (scenario == 4) {
        task_sp = initial_frame(bss_stack + 512);
        tinysim_psp_limit = (uint32_t)(uintptr_t)(bss_stack + 64);
    } else {
        uint32_t *stack = malloc(TASK_STACK_BYTES);
        task_sp = initial_frame(stack + TASK_STACK_BYTES / 4u);
    }
    __asm__ volatile("svc 0" ::: "memory");
    return 1;
}
