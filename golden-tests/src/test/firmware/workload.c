#include "workload.h"

#define NODES 32
#define MATRIX 8

typedef struct node {
    struct node *next;
    int32_t value;
} node_t;

static node_t nodes[NODES];
static int16_t matrix_a[MATRIX][MATRIX];
static int16_t matrix_b[MATRIX][MATRIX];
static int32_t matrix_c[MATRIX][MATRIX];
static const char input_text[] = "123,-45;0x1f 77 +8,9e2;;abc 5";

/* Builds a list in a scrambled order, then walks it summing and reversing it. */
static uint32_t list_mix(uint32_t seed)
{
    for (int i = 0; i < NODES; i++) {
        int j = (i * 7 + (int)seed) % NODES;
        nodes[j].value = (int32_t)(seed * 31u + (uint32_t)i);
        nodes[j].next = &nodes[(j + 5) % NODES];
    }
    nodes[(seed + 3) % NODES].next = 0;
    node_t *reversed = 0;
    uint32_t sum = 0;
    for (node_t *n = &nodes[seed % NODES]; n != 0 && sum < 0x7fffffff; ) {
        node_t *next = n->next;
        sum += (uint32_t)n->value;
        n->next = reversed;
        reversed = n;
        n = next;
        if (reversed == n) {
            break;
        }
    }
    return sum;
}

static uint32_t matrix_mix(uint32_t seed)
{
    for (int i = 0; i < MATRIX; i++) {
        for (int j = 0; j < MATRIX; j++) {
            matrix_a[i][j] = (int16_t)((i * 3 + j + (int)seed) & 0xff);
            matrix_b[i][j] = (int16_t)((i - j * 5 + (int)seed) & 0x7f);
        }
    }
    uint32_t acc = 0;
    for (int i = 0; i < MATRIX; i++) {
        for (int j = 0; j < MATRIX; j++) {
            int32_t s = 0;
            for (int k = 0; k < MATRIX; k++) {
                s += matrix_a[i][k] * matrix_b[k][j];
            }
            matrix_c[i][j] = s;
            acc += (uint32_t)(s >> 2) ^ (uint32_t)i;
        }
    }
    return acc;
}

/* Classifies characters into numbers, hex numbers, signs and separators. */
static uint32_t state_machine_mix(void)
{
    enum { START, SIGN, DIGITS, HEX, SKIP } state = START;
    uint32_t counts[5] = {0};
    for (const char *p = input_text; *p != 0; p++) {
        char c = *p;
        switch (state) {
        case START:
            state = (c == '+' || c == '-') ? SIGN : (c >= '0' && c <= '9') ? DIGITS : SKIP;
            break;
        case SIGN:
            state = (c >= '0' && c <= '9') ? DIGITS : SKIP;
            break;
        case DIGITS:
            state = (c == 'x') ? HEX : (c >= '0' && c <= '9') ? DIGITS : START;
            break;
        case HEX:
            state = ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ? HEX : START;
            break;
        default:
            state = (c == ',' || c == ';' || c == ' ') ? START : SKIP;
            break;
        }
        counts[state]++;
    }
    return counts[DIGITS] * 3 + counts[HEX] * 5 + counts[SKIP];
}

/* CRC-16/CCITT, bit at a time. */
static uint16_t crc16(uint16_t crc, uint32_t data)
{
    for (int byte = 0; byte < 4; byte++) {
        crc ^= (uint16_t)((data >> (8 * byte)) & 0xff) << 8;
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

uint32_t workload_run(uint32_t rounds)
{
    uint16_t crc = 0xffff;
    for (uint32_t r = 0; r < rounds; r++) {
        crc = crc16(crc, list_mix(r));
        crc = crc16(crc, matrix_mix(r));
        crc = crc16(crc, state_machine_mix());
    }
    return crc;
}
