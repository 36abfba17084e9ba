/*
 * WFI idle: one task sleeps 1000 ticks twice; in between only the idle task runs, and its hook
 * sleeps in WFI until the next tick, so the core executes a few hundred instructions per tick
 * (the host test bounds the instruction count). Each sleep ends 999 to 1000 tick periods later.
 */
#include "rtos_glue.h"

static void sleeper(void *arg)
{
    int ok = 1;
    for (int i = 0; i < 2; i++) {
        TickType_t t0 = xTaskGetTickCount();
        uint32_t c0 = cycles();
        vTaskDelay(1000);
        uint32_t elapsed = cycles() - c0;
        say_u("slept ticks", xTaskGetTickCount() - t0);
        int in_window = elapsed > 999u * TICK_CYCLES && elapsed <= 1000u * TICK_CYCLES + WAKE_SLACK_CYCLES;
        say(in_window ? "sleep cycles in window\n" : "SLEEP CYCLES OUT OF WINDOW\n");
        ok &= in_window;
    }
    /* One hook call per tick the idle task had, give or take the first and last. */
    int sleeps_ok = idle_sleeps >= 1995 && idle_sleeps <= 2002;
    say(sleeps_ok ? "idle slept once per tick\n" : "IDLE SLEEPS WRONG\n");
    finish(ok && sleeps_ok ? 0 : 2);
}

int main(void)
{
    rtos_board_init();
    spawn(sleeper, "sleeper", 1, NULL);
    rtos_start();
}
