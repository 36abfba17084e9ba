/*
 * vTaskDelay and xTaskDelayUntil timing, checked against the DWT cycle counter.
 * A delay of 10 ticks started within a tick ends 9 to 10 tick periods later (plus the wake
 * path); then two periodic tasks, slow (priority 3, every 3 ticks) and fast (priority 2,
 * every 2 ticks), print their wake ticks relative to a shared start: on common ticks (6, 12)
 * slow prints first. Exit 2 when a delay's cycles fall outside its window.
 */
#include "rtos_glue.h"

static volatile TickType_t base;
static volatile int failed;

static void periodic(TickType_t period, int wakes, const char *name)
{
    TickType_t last = base;
    for (int i = 0; i < wakes; i++) {
        xTaskDelayUntil(&last, period);
        say_u(name, xTaskGetTickCount() - base);
    }
}

static void slow(void *arg)
{
    periodic(3, 4, "slow");
    vTaskDelay(portMAX_DELAY);
}

static void fast(void *arg)
{
    periodic(2, 6, "fast");
    say(failed ? "DELAY FAILED\n" : "delay ok\n");
    finish(failed ? 2 : 0);
}

static void delays(void *arg)
{
    for (int i = 0; i < 3; i++) {
        TickType_t t0 = xTaskGetTickCount();
        uint32_t c0 = cycles();
        vTaskDelay(10);
        uint32_t elapsed = cycles() - c0;
        say_u("delay ticks", xTaskGetTickCount() - t0);
        int in_window = elapsed > 9u * TICK_CYCLES && elapsed <= 10u * TICK_CYCLES + WAKE_SLACK_CYCLES;
        say(in_window ? "delay cycles in window\n" : "DELAY CYCLES OUT OF WINDOW\n");
        failed |= !in_window;
    }
    base = xTaskGetTickCount();
    spawn(slow, "slow", 3, NULL);
    spawn(fast, "fast", 2, NULL);
    vTaskDelay(portMAX_DELAY);
}

int main(void)
{
    rtos_board_init();
    spawn(delays, "delays", 1, NULL);
    rtos_start();
}
