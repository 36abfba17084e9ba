/*
 * Software timers: an auto-reload timer every 5 ticks and a one-shot at 12, both started at
 * tick 0 by a priority-1 task; callbacks run in the timer task and print their tick. The
 * fourth auto-reload callback stops its timer and notifies the task.
 */
#include "rtos_glue.h"
#include "timers.h"

static TaskHandle_t waiter;
static uint32_t auto_calls;

static void auto_callback(TimerHandle_t timer)
{
    auto_calls++;
    say_u("auto-reload at tick", xTaskGetTickCount());
    if (auto_calls == 4) {
        xTimerStop(timer, 0);
        xTaskNotifyGive(waiter);
    }
}

static void once_callback(TimerHandle_t timer)
{
    say_u("one-shot at tick", xTaskGetTickCount());
}

static void starter(void *arg)
{
    say_u("start at tick", xTaskGetTickCount());
    xTimerStart(xTimerCreate("auto", 5, pdTRUE, NULL, auto_callback), 0);
    xTimerStart(xTimerCreate("once", 12, pdFALSE, NULL, once_callback), 0);
    ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
    say_u("timers ok at tick", xTaskGetTickCount());
    finish(0);
}

int main(void)
{
    rtos_board_init();
    waiter = spawn(starter, "starter", 1, NULL);
    rtos_start();
}
