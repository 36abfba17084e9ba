/*
 * FP context across preemption: three equal-priority tasks, time-sliced every tick, each hold
 * their own values in s0/s1 (caller-saved: lazily stacked by the hardware) and s16/s31
 * (callee-saved: stacked by PendSV) and an FPSCR flag pattern while spinning until the tick
 * hook's counter moves, i.e. across a switch to the other tasks and back. The tick hook does
 * FP work inside the SysTick handler, which forces the lazy state preservation of whichever
 * task it interrupted. A monitor (priority 2) reports after 40 ticks.
 */
#include "rtos_glue.h"

#define TASKS 3
#define ROUNDS 5

static volatile uint32_t rounds[TASKS];
static volatile uint32_t lost[TASKS];

static void fp_task(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    float a = 1.25f + (float)id, b = -2.5f - (float)id, c = 100.0f + (float)id, d = 0.5f * (float)id;
    uint32_t flags = (0x2u + id) << 28; /* NZCV pattern of each task */
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t seen = tick_hook_calls;
        register float s0 __asm__("s0") = a;
        register float s1 __asm__("s1") = b;
        register float s16 __asm__("s16") = c;
        register float s31 __asm__("s31") = d;
        uint32_t fpscr;
        __asm__ volatile(
            "vmsr fpscr, %[flags]\n\t"
            "1: ldr r12, [%[ticks]]\n\t"
            "cmp r12, %[seen]\n\t"
            "beq 1b\n\t"
            "vmrs %[fpscr], fpscr\n\t"
            : "+t"(s0), "+t"(s1), "+t"(s16), "+t"(s31), [fpscr] "=r"(fpscr)
            : [ticks] "r"(&tick_hook_calls), [seen] "r"(seen), [flags] "r"(flags)
            : "r12", "cc", "memory");
        if (s0 != a || s1 != b || s16 != c || s31 != d || (fpscr & 0xF0000000u) != flags) {
            lost[id]++;
        }
        rounds[id]++;
    }
    vTaskDelay(portMAX_DELAY);
}

static void monitor(void *arg)
{
    vTaskDelay(40);
    int ok = 1;
    for (uint32_t id = 0; id < TASKS; id++) {
        say_u("fp task", id);
        say_u("  rounds", rounds[id]);
        say_u("  lost", lost[id]);
        ok &= rounds[id] == ROUNDS && lost[id] == 0;
    }
    taskENTER_CRITICAL(); /* both hook variables from the same tick */
    int hook_ok = tick_hook_acc == 0.5f * (float)tick_hook_calls;
    taskEXIT_CRITICAL();
    say(hook_ok ? "tick hook fp ok\n" : "TICK HOOK FP WRONG\n");
    say(ok && hook_ok ? "fpu ok\n" : "FPU FAILED\n");
    finish(ok && hook_ok ? 0 : 2);
}

int main(void)
{
    rtos_board_init();
    for (uint32_t id = 0; id < TASKS; id++) {
        spawn(fp_task, "fp", 1, (void *)(uintptr_t)id);
    }
    spawn(monitor, "monitor", 2, NULL);
    rtos_start();
}
