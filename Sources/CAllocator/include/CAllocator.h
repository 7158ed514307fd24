#ifndef DANCER_CALLOCATOR_H
#define DANCER_CALLOCATOR_H

/// Asks glibc's malloc to keep freed blocks for reuse instead of unmapping them
/// (raises M_MMAP_THRESHOLD and M_TRIM_THRESHOLD). Returns 1 when applied, 0 elsewhere.
int dancer_retain_freed_memory(long threshold_bytes);

#endif
