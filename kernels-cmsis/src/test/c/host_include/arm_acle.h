/* Makes <arm_acle.h> resolve to the host emulation when testing on x86. */
#include "../host_acle.h"
