#include "CAllocator.h"

#if defined(__GLIBC__)
#include <malloc.h>

int dancer_retain_freed_memory(long threshold_bytes) {
    int mmap_ok = mallopt(M_MMAP_THRESHOLD, (int)threshold_bytes);
    int trim_ok = mallopt(M_TRIM_THRESHOLD, (int)threshold_bytes);
    return mmap_ok && trim_ok;
}
#else
int dancer_retain_freed_memory(long threshold_bytes) {
    (void)threshold_bytes;
    return 0;
}
#endif
