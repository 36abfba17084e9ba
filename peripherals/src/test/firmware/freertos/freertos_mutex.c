/*
 * Mutex priority inheritance: low (1) holds the mutex and computes until tick 6; high (3)
 * asks for it at tick 2, so low runs at priority 3 and med (2), ready from tick 4, must wait
 * until high is done. Without inheritance med would print before low lets go.
 */
#include "rtos_glue.h"
#include "semphr.h"

static SemaphoreHandle_t mutex;

static void low(void *arg)
{
    xSemaphoreTake(mutex, portMAX_DELAY);
    say("low took mutex\n");
    while (xTaskGetTickCount() < 6) {
    }
    say_u("low priority", uxTaskPriorityGet(NULL));
    xSemaphoreGive(mutex);
    say_u("low priority", uxTaskPriorityGet(NULL));
    say("mutex ok\n");
    finish(0);
}

static void med(void *arg)
{
    vTaskDelay(4);
    say_u("med ran at tick", xTaskGetTickCount());
    vTaskDelay(portMAX_DELAY);
}

static void high(void *arg)
{
    vTaskDelay(2);
    say("high wants mutex\n");
    xSemaphoreTake(mutex, portMAX_DELAY);
    say_u("high got mutex at tick", xTaskGetTickCount());
    xSemaphoreGive(mutex);
    vTaskDelay(portMAX_DELAY);
}

int main(void)
{
    rtos_board_init();
    mutex = xSemaphoreCreateMutex();
    spawn(low, "low", 1, NULL);
    spawn(med, "med", 2, NULL);
    spawn(high, "high", 3, NULL);
    rtos_start();
}
