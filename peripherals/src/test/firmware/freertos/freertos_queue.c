/*
 * A 3-slot queue: producer (priority 2) sends 1..6, consumer (priority 1) receives them.
 * The producer fills the queue and blocks on 4; each receive then wakes the producer, which
 * preempts the consumer before it prints. Exit 2 if an item arrives out of order.
 */
#include "rtos_glue.h"
#include "queue.h"

static QueueHandle_t queue;

static void producer(void *arg)
{
    for (uint32_t i = 1; i <= 6; i++) {
        xQueueSend(queue, &i, portMAX_DELAY);
        say_u("sent", i);
    }
    say("producer done\n");
    vTaskDelay(portMAX_DELAY);
}

static void consumer(void *arg)
{
    for (uint32_t expected = 1; expected <= 6; expected++) {
        uint32_t item = 0;
        xQueueReceive(queue, &item, portMAX_DELAY);
        say_u("got", item);
        if (item != expected) {
            finish(2);
        }
    }
    say("queue ok\n");
    finish(0);
}

int main(void)
{
    rtos_board_init();
    queue = xQueueCreate(3, sizeof(uint32_t));
    spawn(producer, "producer", 2, NULL);
    spawn(consumer, "consumer", 1, NULL);
    rtos_start();
}
