// A SQLite VFS over "unix-excl" that serves reads of database pages from one memory map per
// database file, shared by the process's connections and kept until the last of them closes.
//
// SQLite's own map (PRAGMA mmap_size over "unix-excl") belongs to one connection, and SQLite
// drops it whenever another connection has committed (the pager's xUnfetch(0, 0) when a read
// transaction finds the database changed), in case another process truncated the file. The map
// must then be made again and every page faulted in again, which cost more than the `pread`
// calls it saved as soon as reads and writes ran together (docs/benchmarks.md). Here no other
// process can use the file ("unix-excl" locks it for this process), and every write and
// truncation of it passes through this VFS, which keeps the file's size: a page is handed out
// from the map only while it lies within that size, and the request to drop the map is ignored.
// Once the process holds the file's lock, the size is also what xFileSize answers (without the
// `fstat` SQLite would otherwise make at the start of every read transaction).
//
// Files other than main databases (the WAL, journals) pass straight through. Pages are handed
// out only to connections that ask for them (PRAGMA mmap_size > 0) and only below kMapBytes;
// beyond, SQLite reads them as usual.
// Threads: Name() is thread-safe; the files follow SQLite's rules for the connections using them.
#pragma once

#include <cstdint>

namespace cognito::storage::mapped_vfs {

// Address space reserved per database file (SQLite's largest mmap_size in Debian's build).
constexpr int64_t kMapBytes = 0x7fff0000;

// Registers the VFS on first use (not as the default) and returns its name.
const char* Name();

// For tests: while on, a database file opened with no map yet gets none, as when mmap fails
// (SQLite then reads its pages as usual). Returns the previous setting.
bool RefuseMapsForTesting(bool refuse);

}  // namespace cognito::storage::mapped_vfs
