/*
 * What an RTOS port for the Cortex-M7 (FreeRTOS's GCC/ARM_CM7 one, for instance) asks of the
 * core before and while it schedules, each answer printed so the host can pin it:
 *  - probes the implemented priority bits by writing 0xFF to an NVIC priority byte
 *    (STM32F7: 4 bits, reads 0xF0), reads AIRCR's PRIGROUP and checks VTOR and the
 *    SVCall/PendSV entries of the table it points at;
 *  - ORs the lowest priority into SHPR3 for PendSV and SysTick, zeroes SHPR2, sets FPCCR
 *    ASPEN|LSPEN, programs SysTick (CTRL = 0, VAL = 0, LOAD = N - 1, CTRL = 7) and checks the
 *    tick period with the DWT cycle counter;
 *  - starts the first task from thread mode on the MSP after FP use: reloads MSP from the
 *    vector table, clears CONTROL (FPCA), CPSIE I/F, SVC; the SVC handler pops r4-r11 and
 *    EXC_RETURN from the task's stack and clears BASEPRI;
 *  - context switches in PendSV with the r0p1 erratum sequence (CPSID I; MSR BASEPRI; DSB;
 *    ISB; CPSIE I), the tick handler raising BASEPRI and pending PendSV;
 *  - an IRQ at a "FromISR" priority reads its own priority through IPSR (0xE000E3F0 + IPSR)
 *    and ICSR.VECTACTIVE, then pends PendSV as portYIELD_FROM_ISR does;
 *  - the tick handler does FP work while a task with live FP registers spins under it, and
 *    tail-chains into PendSV, which switches that task out and, a tick later, back in;
 *  - an IRQ pended inside PendSV's BASEPRI section nests after it is lowered (EXC_RETURN F1)
 *    and its PendSV request runs the switch again once the first PendSV returns;
 *  - the idle task sleeps in WFI between ticks, one wake per tick over a 2000-tick sleep.
 * Exit 0 when the wait task saw every tick it slept for; 2: it woke early or late.
 */
#include <stdint.h>
#include "semihosting.h"
#include "stm32f746_regs.h"

#define TICK_CYCLES 16000u /* 1 ms at the 16 MHz reset clock */
#define SYSCALL_PRIORITY 0x50u
#define SOFT_IRQ 97u
#define NVIC_STIR REG32(0xE000EF00u)
#define FPCCR REG32(0xE000EF34u)
#define NVIC_IPR_BYTE(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E400u + (n)))
/* Priority of exception number n, as a port indexes it with IPSR. */
#define PRIORITY_OF_EXCEPTION(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E3F0u + (n)))
#define STACK_WORDS 256

typedef struct {
    uint32_t *sp; /* must stay first: the handlers load it */
    uint32_t wake_tick;
} task_t;

void SVC_Handler(void);
void PendSV_Handler(void);

static uint32_t stacks[2][STACK_WORDS] __attribute__((aligned(8)));
static task_t tasks[2];
task_t *volatile current_task;
static volatile uint32_t tick;
static volatile uint32_t idle_wakes;
static volatile float tick_fp;
/* Set: every tick switches task (time slicing), through the FP-using tick handler. */
static volatile uint32_t slicing;
static volatile uint32_t irq_priority, irq_vectactive, irq_ipsr, irq_exc_return;
static volatile uint32_t switches;
/* Set: the next context switch pends the IRQ while PendSV holds BASEPRI. */
static volatile uint32_t irq_in_switch;
static uint32_t tick_cycles[3];

static void print(const char *s) { tinysim_sh_write0(s); }
static void print_u(const char *name, uint32_t v)
{
    print(name);
    print(" ");
    tinysim_sh_put_udec(v);
    print("\n");
}

static uint32_t raise_basepri(void)
{
    uint32_t old;
    __asm__ volatile("mrs %0, basepri\n\tmsr basepri, %1\n\tisb\n\tdsb"
                     : "=&r"(old) : "r"(SYSCALL_PRIORITY) : "memory");
    return old;
}

static void set_basepri(uint32_t v)
{
    __asm__ volatile("msr basepri, %0" :: "r"(v) : "memory");
}

static void yield(void)
{
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Runs with BASEPRI raised, from PendSV: the waiting task once its tick came, else idle. */
__attribute__((used)) static void switch_context(void)
{
    switches++;
    if (irq_in_switch) {
        irq_in_switch = 0;
        NVIC_STIR = SOFT_IRQ; /* masked by BASEPRI: taken right after PendSV's MSR BASEPRI, 0 */
    }
    if (slicing) {
        current_task = current_task == &tasks[0] ? &tasks[1] : &tasks[0];
    } else {
        current_task = tick >= tasks[0].wake_tick ? &tasks[0] : &tasks[1];
    }
}

void SysTick_Handler(void)
{
    uint32_t old = raise_basepri();
    uint32_t now = ++tick;
    if (now <= 3) {
        tick_cycles[now - 1] = DWT_CYCCNT;
    }
    tick_fp += 0.5f; /* FP work in a handler: the interrupted task's S0-S15 are lazily stacked */
    __asm__ volatile("vmov.f32 s0, #1.0\n\tvmov.f32 s15, #1.0" ::: "s0", "s15");
    if (slicing || now == tasks[0].wake_tick) {
        SCB_ICSR = SCB_ICSR_PENDSVSET;
    }
    set_basepri(old);
}

void IRQ97_Handler(void)
{
    uint32_t ipsr, exc_return;
    __asm__ volatile("mov %0, lr\n\tmrs %1, ipsr" : "=r"(exc_return), "=r"(ipsr));
    irq_exc_return = exc_return;
    irq_ipsr = ipsr;
    irq_priority = PRIORITY_OF_EXCEPTION(ipsr);
    irq_vectactive = SCB_ICSR & 0x1FFu;
    uint32_t old = raise_basepri();
    tasks[0].wake_tick = tick; /* "give": the waiting task is due now */
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    set_basepri(old);
}

static void wait_ticks(uint32_t n)
{
    uint32_t old = raise_basepri();
    tasks[0].wake_tick = tick + n;
    yield();
    set_basepri(old);
}

static void waiter(void)
{
    print_u("task vectactive", SCB_ICSR & 0x1FFu);
    uint32_t start = tick;
    wait_ticks(5);
    print_u("woke after ticks", tick - start);
    uint32_t bad = tick - start != 5;
    print_u("tick spacing", tick_cycles[1] - tick_cycles[0]);
    print_u("tick spacing", tick_cycles[2] - tick_cycles[1]);

    tasks[0].wake_tick = 0xFFFFFFFFu;
    NVIC_STIR = SOFT_IRQ;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    print_u("irq ipsr", irq_ipsr);
    print_u("irq priority", irq_priority);
    print_u("irq vectactive", irq_vectactive);

    float f = 1.5f;
    start = tick;
    wait_ticks(3);
    f = f * (float)(tick - start);
    print_u("fp across switch*2", (uint32_t)(f * 2.0f));
    bad |= tick - start != 3;

    /* Two ticks: the FP tick handler interrupts this task and tail-chains into PendSV, which
     * switches to idle; the next tick switches back. S0-S15 come from this task's frame. */
    tasks[0].wake_tick = 0;
    slicing = 1;
    uint32_t seen = tick;
    register float s0 __asm__("s0") = 1.25f;
    register float s15 __asm__("s15") = -3.5f;
    register float s16 __asm__("s16") = 100.0f;
    __asm__ volatile(
        "1: ldr r12, [%[ticks]]\n\t"
        "subs r12, r12, %[seen]\n\t"
        "cmp r12, #2\n\t"
        "blo 1b\n\t"
        : "+t"(s0), "+t"(s15), "+t"(s16)
        : [ticks] "r"(&tick), [seen] "r"(seen)
        : "r12", "cc", "memory");
    slicing = 0;
    print(s0 == 1.25f && s15 == -3.5f && s16 == 100.0f ? "fp kept across fp tick handler and switch\n"
                                                       : "FP LOST IN THE TICK HANDLER OR SWITCH\n");
    print((uint32_t)(tick_fp * 2.0f) == tick ? "tick handler fp ok\n" : "TICK HANDLER FP WRONG\n");

    /* An interrupt arriving during the switch nests in PendSV (EXC_RETURN F1) and pends PendSV
     * again: it runs a second time after the first returns. */
    uint32_t before = switches;
    irq_in_switch = 1;
    yield();
    print_u("switches for one yield", switches - before);
    tinysim_sh_put_named_hex("irq in pendsv lr", irq_exc_return);

    uint32_t wakes = idle_wakes;
    start = tick;
    wait_ticks(2000);
    print_u("long sleep ticks", tick - start);
    print_u("idle wfi wakes", idle_wakes - wakes);
    tinysim_sh_exit(bad || tick - start != 2000 ? 2 : 0);
}

static void idle(void)
{
    for (;;) {
        __asm__ volatile("wfi" ::: "memory");
        idle_wakes++;
    }
}

static uint32_t *initial_stack(uint32_t *top, void (*entry)(void))
{
    uint32_t *sp = top;
    *--sp = 0x01000000u;                 /* xPSR: Thumb */
    *--sp = (uint32_t)(uintptr_t)entry;  /* PC */
    *--sp = 0;                           /* LR */
    sp -= 5;                             /* R12, R3-R0 */
    *--sp = 0xFFFFFFFDu;                 /* EXC_RETURN: thread, PSP, basic frame */
    sp -= 8;                             /* R11-R4 */
    return sp;
}

__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile(
        "ldr r3, =current_task\n\t"
        "ldr r1, [r3]\n\t"
        "ldr r0, [r1]\n\t"
        "ldmia r0!, {r4-r11, r14}\n\t"
        "msr psp, r0\n\t"
        "isb\n\t"
        "mov r0, #0\n\t"
        "msr basepri, r0\n\t"
        "bx r14\n\t"
        ".ltorg\n\t");
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "mrs r0, psp\n\t"
        "isb\n\t"
        "ldr r3, =current_task\n\t"
        "ldr r2, [r3]\n\t"
        "tst r14, #0x10\n\t"
        "it eq\n\t"
        "vstmdbeq r0!, {s16-s31}\n\t"
        "stmdb r0!, {r4-r11, r14}\n\t"
        "str r0, [r2]\n\t"
        "stmdb sp!, {r0, r3}\n\t"
        "mov r0, #0x50\n\t"
        "cpsid i\n\t"
        "msr basepri, r0\n\t"
        "dsb\n\t"
        "isb\n\t"
        "cpsie i\n\t"
        "bl switch_context\n\t"
        "mov r0, #0\n\t"
        "msr basepri, r0\n\t"
        "ldmia sp!, {r0, r3}\n\t"
        "ldr r1, [r3]\n\t"
        "ldr r0, [r1]\n\t"
        "ldmia r0!, {r4-r11, r14}\n\t"
        "tst r14, #0x10\n\t"
        "it eq\n\t"
        "vldmiaeq r0!, {s16-s31}\n\t"
        "msr psp, r0\n\t"
        "isb\n\t"
        "bx r14\n\t"
        ".ltorg\n\t");
}

__attribute__((naked, noreturn)) static void start_first_task(void)
{
    __asm__ volatile(
        "ldr r0, =0xE000ED08\n\t"
        "ldr r0, [r0]\n\t"
        "ldr r0, [r0]\n\t"
        "msr msp, r0\n\t"
        "mov r0, #0\n\t"
        "msr control, r0\n\t"
        "cpsie i\n\t"
        "cpsie f\n\t"
        "dsb\n\t"
        "isb\n\t"
        "svc 0\n\t"
        "nop\n\t"
        ".ltorg\n\t");
}

int main(void)
{
    volatile uint8_t *probe = &NVIC_IPR_BYTE(0);
    uint8_t original = *probe;
    *probe = 0xFFu;
    print_u("priority probe", *probe);
    *probe = original;
    tinysim_sh_put_named_hex("aircr", SCB_AIRCR);
    tinysim_sh_put_named_hex("vtor", SCB_VTOR);
    const uint32_t *table = (const uint32_t *)(uintptr_t)SCB_VTOR;
    print(table[11] == (uint32_t)(uintptr_t)SVC_Handler ? "svc entry ok\n" : "SVC ENTRY WRONG\n");
    print(table[14] == (uint32_t)(uintptr_t)PendSV_Handler ? "pendsv entry ok\n" : "PENDSV ENTRY WRONG\n");

    SCB_SHPR3 |= 0xF0u << 16;
    SCB_SHPR3 |= 0xF0u << 24;
    SCB_SHPR2 = 0;
    tinysim_sh_put_named_hex("shpr3", SCB_SHPR3);
    NVIC_IPR_BYTE(SOFT_IRQ) = 0x60u; /* below BASEPRI's 0x50 in urgency: may use FromISR calls */
    NVIC_ISER(SOFT_IRQ / 32u) = 1u << (SOFT_IRQ % 32u);

    DEMCR |= DEMCR_TRCENA;
    DWT_LAR = DWT_LAR_UNLOCK;
    DWT_CYCCNT = 0;
    DWT_CTRL |= DWT_CTRL_CYCCNTENA;

    __asm__ volatile("cpsid i" ::: "memory"); /* a port starts the tick with interrupts off */
    SYST_CSR = 0;
    SYST_CVR = 0;
    SYST_RVR = TICK_CYCLES - 1u;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    tinysim_sh_put_named_hex("systick ctrl", SYST_CSR);
    print_u("systick load", SYST_RVR);

    SCB_CPACR |= 0xFu << 20;
    FPCCR |= 0x3u << 30;
    tinysim_sh_put_named_hex("fpccr", FPCCR & 0xC0000000u);

    float used = 0.25f; /* FP in main: CONTROL.FPCA set before the start sequence clears it */
    __asm__ volatile("vmov.f32 s4, %0" :: "t"(used) : "s4");

    tasks[0].sp = initial_stack(stacks[0] + STACK_WORDS, waiter);
    tasks[1].sp = initial_stack(stacks[1] + STACK_WORDS, idle);
    current_task = &tasks[0];
    start_first_task();
}
