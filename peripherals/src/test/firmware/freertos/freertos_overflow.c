/*
 * configCHECK_FOR_STACK_OVERFLOW 2: a task recurses in 16-byte frames and yields at every
 * level, so the kernel checks its stack at each switch; the hook must name it once the
 * saved context reaches the fill pattern at the stack's end (before anything below the stack
 * is written: PendSV saves 68 bytes under a basic-frame task's SP, less than 16 + 20).
 */
#include "rtos_glue.h"

static volatile uint32_t sink;
static volatile int keep_going = 1; /* never cleared: defeats "infinite recursion" analysis */

__attribute__((noinline)) static void descend(uint32_t depth)
{
    volatile uint32_t local[2];
    local[0] = depth;
    local[1] = sink;
    taskYIELD();
    if (keep_going) {
        descend(depth + 1);
    }
    sink += local[0] + local[1];
}

static void victim(void *arg)
{
    say("victim descends\n");
    descend(0);
    say("DESCENT RETURNED\n");
    finish(2);
}

int main(void)
{
    rtos_board_init();
    overflow_expected = 1;
    spawn(victim, "victim", 1, NULL);
    rtos_start();
}
