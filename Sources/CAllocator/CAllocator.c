#include "CAllocator.h"

#if defined(__GLIBC__)
#include <malloc.h>

int dancer_retain_freed_memory(long threshold_bytes) {
    /* glibc rejects an mmap threshold above HEAP_MAX/2 (32 MiB on 64-bit): asking for more
       silently left every >128 KiB tensor on fresh mmap pages (a page fault per 4 KiB). */
    long mmap_max = 4L * 1024 * 1024 * (long)sizeof(long);
    long mmap_threshold = threshold_bytes < mmap_max ? threshold_bytes : mmap_max;
    int mmap_ok = mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    int trim_ok = mallopt(M_TRIM_THRESHOLD, (int)threshold_bytes);
    return mmap_ok && trim_ok;
}
#else
int dancer_retain_freed_memory(long threshold_bytes) {
    (void)threshold_bytes;
    return 0;
}
#endif
