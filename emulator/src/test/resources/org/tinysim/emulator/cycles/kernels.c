/* Code shapes the emulator will run: int8 kernels, dispatch switches, float/double math. */
#include <stdint.h>

int32_t dot_s8(const int8_t *a, const int8_t *b, int n, int32_t acc) {
    for (int i = 0; i < n; i++) {
        acc += a[i] * b[i];
    }
    return acc;
}

int32_t dot_s16_dual(const int16_t *a, const int16_t *b, int n) {
    int32_t acc = 0;
    for (int i = 0; i < n; i += 2) {
        uint32_t pa = *(const uint32_t *)(a + i);
        uint32_t pb = *(const uint32_t *)(b + i);
        acc = (int32_t)__builtin_arm_smlad(pa, pb, acc);
    }
    return acc;
}

int8_t requantize(int32_t x, int32_t mult, int shift, int32_t zp) {
    int64_t wide = (int64_t)x * mult;
    int32_t y = (int32_t)(wide >> 31);
    y = (y >> shift) + zp;
    if (y > 127) y = 127;
    if (y < -128) y = -128;
    return (int8_t)y;
}

int dispatch(int op, int a, int b) {
    switch (op) {
        case 0: return a + b;
        case 1: return a - b;
        case 2: return a * b;
        case 3: return a / (b | 1);
        case 4: return (unsigned)a / (unsigned)(b | 1);
        case 5: return a << (b & 31);
        case 6: return a >> (b & 31);
        case 7: return a & b;
        case 8: return a | b;
        case 9: return a ^ b;
        default: return -1;
    }
}

float softmax_step(const float *x, float *y, int n) {
    float sum = 0.0f;
    for (int i = 0; i < n; i++) {
        float v = x[i] * 0.5f + 1.0f;
        y[i] = v;
        sum += v * v;
    }
    return __builtin_sqrtf(sum) / (float)n;
}

double norm_d(const double *x, int n) {
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        s = s + x[i] * x[i];
    }
    return __builtin_sqrt(s) / (double)n;
}

void copy_words(uint32_t *dst, const uint32_t *src, int n) {
    while (n >= 4) {
        uint32_t a = src[0], b = src[1], c = src[2], d = src[3];
        dst[0] = a; dst[1] = b; dst[2] = c; dst[3] = d;
        dst += 4; src += 4; n -= 4;
    }
}

int64_t mac_long(const int32_t *a, const int32_t *b, int n) {
    int64_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += (int64_t)a[i] * b[i];
    }
    return acc;
}

extern void callee(int);
int calls(int x) {
    callee(x);
    callee(x + 1);
    return x > 3 ? x * 7 : x - 2;
}
