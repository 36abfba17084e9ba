/*
 * A small preemptive scheduler, run the way an RTOS port runs on the M7:
 *  - tasks run in thread mode on the PSP, started by SVC 0 from main (MSP);
 *  - PendSV switches context (r4-r11 and EXC_RETURN, s16-s31 for tasks whose
 *    frame is the FP one), PendSV and SysTick at the lowest priority (0xF0),
 *    critical sections by BASEPRI = 0x50 (FreeRTOS's
 *    configMAX_SYSCALL_INTERRUPT_PRIORITY scheme);
 *  - a tick ISR notifying a task every second tick, a one-slot queue between
 *    a producer (non-FP) and a consumer (FP), an FP spinner that checks its
 *    S0-S3/S16/FPSCR survive every preemption; task stacks in .bss;
 *  - then, pended exceptions must be taken at the instruction after the one
 *    that unmasks them: MSR BASEPRI, CPSIE I, CPSIE F, and after STIR/ISPR
 *    writes followed by DSB; ISB.
 * Every console line follows from the priorities; the host test asserts the
 * whole transcript. Exit 3: spinner FP state lost; 4: wrong CONTROL.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"
#include "stm32f746_regs.h"

#define KERNEL_PRIORITY 0xF0u
#define SYSCALL_PRIORITY 0x50u
#define SOFT_IRQ 97u
#define NVIC_STIR REG32(0xE000EF00u)
#define NVIC_ISPR(n) REG32(0xE000E200u + 4u * (n))
#define NVIC_IPR_BYTE(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E400u + (n)))
#define STACK_WORDS 384
#define ITEMS 4

enum { READY = 0, WAIT_NOTIFY, WAIT_QUEUE_SEND, WAIT_QUEUE_RECEIVE };

typedef struct task {
    uint32_t *sp; /* saved PSP; must stay first (PendSV_Handler) */
    const char *name;
    uint32_t priority; /* higher runs first */
    uint32_t state;
    uint32_t notified;
    uint32_t *stack_base;
} task_t;

static uint32_t stacks[3][STACK_WORDS] __attribute__((aligned(8)));
static task_t tasks[3];
task_t *volatile current;
/* The running task's lowest legal PSP, checked by tinysim (see emulator/README.md). */
volatile uint32_t tinysim_psp_limit;

static task_t *const producer_task = &tasks[0];
static volatile uint32_t tick_count;
static volatile uint32_t ticks_notify_producer = 1;
static volatile uint32_t marker;
static volatile uint32_t irq_saw;

static struct {
    uint32_t item;
    uint32_t full;
    task_t *receiver;
    task_t *sender;
} queue;

static void print(const char *s) { tinysim_sh_write0(s); }
static void print_u(uint32_t v) { tinysim_sh_put_udec(v); }

static uint32_t critical_enter(void)
{
    uint32_t old;
    __asm__ volatile("mrs %0, basepri\n\tmsr basepri, %1\n\tisb" : "=&r"(old) : "r"(SYSCALL_PRIORITY) : "memory");
    return old;
}

static void critical_exit(uint32_t old)
{
    __asm__ volatile("msr basepri, %0\n\tisb" :: "r"(old) : "memory");
}

static void yield(void)
{
    SCB_ICSR = SCB_ICSR_PENDSVSET;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* With the critical section held: t becomes ready and preempts if it outranks the caller. */
static void make_ready(task_t *t)
{
    t->state = READY;
    if (t->priority > current->priority) {
        yield();
    }
}

/* Called by PendSV with BASEPRI raised. */
__attribute__((used)) static void select_next(void)
{
    task_t *best = 0;
    for (int i = 0; i < 3; i++) {
        if (tasks[i].state == READY && (!best || tasks[i].priority > best->priority)) {
            best = &tasks[i];
        }
    }
    current = best;
    tinysim_psp_limit = (uint32_t)(uintptr_t)best->stack_base;
}

static void notify(task_t *t)
{
    uint32_t s = critical_enter();
    t->notified = 1;
    if (t->state == WAIT_NOTIFY) {
        make_ready(t);
    }
    critical_exit(s);
}

static void wait_notify(void)
{
    for (;;) {
        uint32_t s = critical_enter();
        if (current->notified) {
            current->notified = 0;
            critical_exit(s);
            return;
        }
        current->state = WAIT_NOTIFY;
        yield();
        critical_exit(s);
    }
}

static void queue_send(uint32_t item)
{
    for (;;) {
        uint32_t s = critical_enter();
        if (!queue.full) {
            queue.item = item;
            queue.full = 1;
            if (queue.receiver) {
                task_t *r = queue.receiver;
                queue.receiver = 0;
                make_ready(r);
            }
            critical_exit(s);
            return;
        }
        queue.sender = current;
        current->state = WAIT_QUEUE_SEND;
        yield();
        critical_exit(s);
    }
}

static uint32_t queue_receive(void)
{
    for (;;) {
        uint32_t s = critical_enter();
        if (queue.full) {
            uint32_t item = queue.item;
            queue.full = 0;
            if (queue.sender) {
                task_t *w = queue.sender;
                queue.sender = 0;
                make_ready(w);
            }
            critical_exit(s);
            return item;
        }
        queue.receiver = current;
        current->state = WAIT_QUEUE_RECEIVE;
        yield();
        critical_exit(s);
    }
}

static uint32_t control(void)
{
    uint32_t c;
    __asm__ volatile("mrs %0, control" : "=r"(c));
    return c;
}

void board_systick_hook(void)
{
    tick_count++;
    if (ticks_notify_producer && (tick_count & 1) == 0) {
        notify(producer_task);
    }
}

void IRQ97_Handler(void)
{
    irq_saw = marker;
    notify(producer_task);
}

/* Highest priority, no FP: two items per notification, the second waits for queue space. */
static void producer(void)
{
    print("producer waits\n");
    if (control() != 2) {
        tinysim_sh_exit(4);
    }
    for (uint32_t i = 1; i <= ITEMS; i += 2) {
        wait_notify();
        print("producer tick ");
        print_u(tick_count);
        print("\n");
        queue_send(i);
        print("producer sent ");
        print_u(i);
        print("\n");
        queue_send(i + 1);
        print("producer sent ");
        print_u(i + 1);
        print("\n");
    }
    ticks_notify_producer = 0;
    for (;;) {
        wait_notify();
        print("waiter sees marker ");
        print_u(marker);
        print("\n");
    }
}

/* Middle priority, FP: keeps a float accumulator across blocking calls. */
static void consumer(void)
{
    print("consumer waits\n");
    float acc = 0.0f;
    for (int n = 0; n < ITEMS; n++) {
        uint32_t v = queue_receive();
        acc = acc * 0.5f + (float)v;
        print("consumer got ");
        print_u(v);
        print(" acc*1000 ");
        print_u((uint32_t)(acc * 1000.0f));
        print("\n");
    }
    if (control() != 6) { /* SPSEL and FPCA: on the PSP with live FP state */
        tinysim_sh_exit(4);
    }

    marker = 0;
    uint32_t s = critical_enter();
    notify(producer_task); /* PendSV pended, held back by BASEPRI */
    marker = 1;
    __asm__ volatile("msr basepri, %0\n\tstr %1, [%2]" :: "r"(s), "r"(2u), "r"(&marker) : "memory");

    __asm__ volatile("cpsid i" ::: "memory");
    notify(producer_task);
    marker = 3;
    __asm__ volatile("cpsie i\n\tstr %0, [%1]" :: "r"(4u), "r"(&marker) : "memory");

    __asm__ volatile("cpsid f" ::: "memory");
    notify(producer_task);
    marker = 5;
    __asm__ volatile("cpsie f\n\tstr %0, [%1]" :: "r"(6u), "r"(&marker) : "memory");

    marker = 7;
    NVIC_STIR = SOFT_IRQ;
    __asm__ volatile("dsb\n\tisb\n\tstr %0, [%1]" :: "r"(8u), "r"(&marker) : "memory");
    print("irq saw ");
    print_u(irq_saw);
    print("\n");

    marker = 9;
    NVIC_ISPR(SOFT_IRQ / 32u) = 1u << (SOFT_IRQ % 32u);
    __asm__ volatile("dsb\n\tisb\n\tstr %0, [%1]" :: "r"(10u), "r"(&marker) : "memory");
    print("irq saw ");
    print_u(irq_saw);
    print("\n");

    print("rtos ok\n");
    tinysim_sh_exit(0);
}

/* Lowest priority, FP, never blocks: its FP registers must survive every preemption. */
static void spinner(void)
{
    print("spinner runs\n");
    for (;;) {
        uint32_t seen = tick_count;
        register float s0 __asm__("s0") = 1.25f;
        register float s1 __asm__("s1") = -2.5f;
        register float s3 __asm__("s3") = 3.75f;
        register float s16 __asm__("s16") = 100.0f;
        uint32_t fpscr;
        __asm__ volatile(
            "vmsr fpscr, %[flags]\n\t"
            "1: ldr r12, [%[ticks]]\n\t"
            "cmp r12, %[seen]\n\t"
            "beq 1b\n\t"
            "vmrs %[fpscr], fpscr\n\t"
            : "+t"(s0), "+t"(s1), "+t"(s3), "+t"(s16), [fpscr] "=r"(fpscr)
            : [ticks] "r"(&tick_count), [seen] "r"(seen), [flags] "r"(0xA0000000u)
            : "r12", "cc", "memory");
        if (s0 != 1.25f || s1 != -2.5f || s3 != 3.75f || s16 != 100.0f || (fpscr & 0xF0000000u) != 0xA0000000u) {
            print("SPINNER FP STATE LOST\n");
            tinysim_sh_exit(3);
        }
    }
}

static void task_exit(void)
{
    tinysim_sh_exit(5);
}

static void create(task_t *t, uint32_t *stack, const char *name, uint32_t priority, void (*entry)(void))
{
    uint32_t *sp = stack + STACK_WORDS;
    *--sp = 0x01000000u;                 /* xPSR: Thumb */
    *--sp = (uint32_t)(uintptr_t)entry;  /* PC */
    *--sp = (uint32_t)(uintptr_t)task_exit; /* LR */
    for (int r = 0; r < 5; r++) {
        *--sp = 0;                       /* R12, R3-R0 */
    }
    *--sp = 0xFFFFFFFDu;                 /* EXC_RETURN: thread, PSP, basic frame */
    for (int r = 0; r < 8; r++) {
        *--sp = 0;                       /* R11-R4 */
    }
    t->sp = sp;
    t->name = name;
    t->priority = priority;
    t->state = READY;
    t->stack_base = stack;
}

__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile(
        "ldr r3, =current\n\t"
        "ldr r1, [r3]\n\t"
        "ldr r0, [r1]\n\t"
        "ldmia r0!, {r4-r11, lr}\n\t"
        "msr psp, r0\n\t"
        "isb\n\t"
        "bx lr\n\t"
        ".ltorg\n\t");
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "mrs r0, psp\n\t"
        "isb\n\t"
        "ldr r3, =current\n\t"
        "ldr r2, [r3]\n\t"
        "tst lr, #0x10\n\t"
        "it eq\n\t"
        "vstmdbeq r0!, {s16-s31}\n\t"
        "stmdb r0!, {r4-r11, lr}\n\t"
        "str r0, [r2]\n\t"
        "mov r0, #0x50\n\t"
        "msr basepri, r0\n\t"
        "dsb\n\t"
        "isb\n\t"
        "bl select_next\n\t"
        "mov r0, #0\n\t"
        "msr basepri, r0\n\t"
        "ldr r3, =current\n\t"
        "ldr r1, [r3]\n\t"
        "ldr r0, [r1]\n\t"
        "ldmia r0!, {r4-r11, lr}\n\t"
        "tst lr, #0x10\n\t"
        "it eq\n\t"
        "vldmiaeq r0!, {s16-s31}\n\t"
        "msr psp, r0\n\t"
        "isb\n\t"
        "bx lr\n\t"
        ".ltorg\n\t");
}

int main(void)
{
    SCB_SHPR3 = (KERNEL_PRIORITY << 24) | (KERNEL_PRIORITY << 16); /* SysTick, PendSV */
    NVIC_IPR_BYTE(SOFT_IRQ) = 0x60u;
    NVIC_ISER(SOFT_IRQ / 32u) = 1u << (SOFT_IRQ % 32u);
    create(&tasks[0], stacks[0], "producer", 3, producer);
    create(&tasks[1], stacks[1], "consumer", 2, consumer);
    create(&tasks[2], stacks[2], "spinner", 1, spinner);
    current = &tasks[0];
    tinysim_psp_limit = (uint32_t)(uintptr_t)stacks[0];
    print("scheduler starts\n");
    systick_init(16000); /* 1 ms at the 16 MHz reset clock */
    __asm__ volatile("svc 0" ::: "memory");
    return 1;
}
