/*
 * tinysim RTOS-speed benchmark: the two workloads of RTOS firmware that issue 16 sets targets for,
 * timed separately by the host:
 *  1. a busy loop polling DWT->CYCCNT for poll_cycles cycles, then BKPT 0x42 (yield to the host);
 *  2. two busy tasks on the PSP, switched by PendSV on every 1 kHz SysTick (16 MHz reset clock),
 *     for `ticks` ticks; the tasks store to SRAM on every iteration.
 * Lengths come from rtos_bench_config in .noinit, which the host writes before the run; without
 * the magic the defaults apply. Semihosting: "polled\nswitches N\nboth ran\n" (N = ticks - 1: the
 * last tick ends the run), exit 0.
 */
#include <stdint.h>
#include "board.h"
#include "runtime.h"
#include "semihosting.h"
#include "stm32f746_regs.h"

#define RTOS_BENCH_MAGIC 0x52544F53u
#define DEFAULT_POLL_CYCLES 4000000u
#define DEFAULT_TICKS 1000u
#define STACK_WORDS 128

struct rtos_bench_config {
    uint32_t magic;
    uint32_t poll_cycles;
    uint32_t ticks;
};

TINYSIM_NOINIT volatile struct rtos_bench_config rtos_bench_config;

static uint32_t stacks[2][STACK_WORDS] __attribute__((aligned(8)));
uint32_t *task_sp[2];
volatile uint32_t current_task;
static volatile uint32_t switches;
static volatile uint32_t work[2];
static uint32_t ticks;

void board_systick_hook(void)
{
    if (tinysim_ticks >= ticks) {
        systick_stop();
        tinysim_sh_write0("switches ");
        tinysim_sh_put_udec(switches);
        tinysim_sh_write0(work[0] && work[1] ? "\nboth ran\n" : "\nSTARVED\n");
        tinysim_sh_exit(0);
    }
    SCB_ICSR = SCB_ICSR_PENDSVSET;
}

__attribute__((used)) static void switch_task(void)
{
    switches++;
    current_task ^= 1u;
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "mrs r0, psp\n\t"
        "stmdb r0!, {r4-r11}\n\t"
        "ldr r3, =current_task\n\t"
        "ldr r1, [r3]\n\t"
        "ldr r2, =task_sp\n\t"
        "str r0, [r2, r1, lsl #2]\n\t"
        "push {r2, lr}\n\t"
        "bl switch_task\n\t"
        "pop {r2, lr}\n\t"
        "ldr r3, =current_task\n\t"
        "ldr r1, [r3]\n\t"
        "ldr r0, [r2, r1, lsl #2]\n\t"
        "ldmia r0!, {r4-r11}\n\t"
        "msr psp, r0\n\t"
        "bx lr\n\t"
        ".ltorg\n\t");
}

__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile(
        "ldr r2, =task_sp\n\t"
        "ldr r0, [r2]\n\t"
        "ldmia r0!, {r4-r11}\n\t"
        "msr psp, r0\n\t"
        "mvn lr, #2\n\t"          /* 0xFFFFFFFD */
        "bx lr\n\t"
        ".ltorg\n\t");
}

static void busy(void)
{
    uint32_t me = current_task;
    for (;;) {
        work[me]++;
        me = current_task;
    }
}

static uint32_t *initial_stack(uint32_t *top)
{
    uint32_t *sp = top;
    *--sp = 0x01000000u;
    *--sp = (uint32_t)(uintptr_t)busy;
    for (int r = 0; r < 6; r++) {
        *--sp = 0;
    }
    for (int r = 0; r < 8; r++) {
        *--sp = 0;
    }
    return sp;
}

int main(void)
{
    int configured = rtos_bench_config.magic == RTOS_BENCH_MAGIC;
    uint32_t poll_cycles = configured ? rtos_bench_config.poll_cycles : DEFAULT_POLL_CYCLES;
    ticks = configured ? rtos_bench_config.ticks : DEFAULT_TICKS;

    dwt_cycles_enable();
    uint32_t start = DWT_CYCCNT;
    while (DWT_CYCCNT - start < poll_cycles) {
    }
    tinysim_sh_write0("polled\n");
    __asm__ volatile("bkpt 0x42" ::: "memory"); /* host: end of phase 1 */

    SCB_SHPR3 = (0xF0u << 24) | (0xF0u << 16);
    task_sp[0] = initial_stack(stacks[0] + STACK_WORDS);
    task_sp[1] = initial_stack(stacks[1] + STACK_WORDS);
    systick_init(16000);
    __asm__ volatile("svc 0" ::: "memory");
    return 1;
}
