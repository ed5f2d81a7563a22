#include "storage/mapped_vfs.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace cognito::storage::mapped_vfs {
namespace {

constexpr const char* kName = "cognito-mapped";
constexpr const char* kBaseName = "unix-excl";

// One database file's map, shared by every open of that file in the process.
struct FileMap {
  std::string path;      // its key in g_maps
  char* base = nullptr;  // null when the file could not be mapped: SQLite then reads every page
  // The file's size as this process last made it: pages below it may be handed out.
  std::atomic<int64_t> size{0};
  // Set once a connection of this process has locked the file, and `size` was read again then:
  // "unix-excl" keeps that lock for the process until its last connection closes, so no other
  // process changes the file any more and `size` stays exact. xFileSize then answers from it
  // instead of an `fstat`, which SQLite asks for at the start of every read transaction.
  std::atomic<bool> owned{false};
  std::mutex own_mu;       // taken by the first locks only
  bool own_tried = false;  // under own_mu: the size is read again once, whatever the outcome
  int opens = 0;  // under g_maps_mu
};

std::mutex g_maps_mu;
std::map<std::string, FileMap*>* g_maps = nullptr;  // by path as SQLite opens it; never freed

std::atomic<bool> g_refuse_maps{false};

sqlite3_vfs* g_base = nullptr;  // unix-excl
sqlite3_vfs g_vfs;

struct File {
  sqlite3_file file;       // first: SQLite sees a File as an sqlite3_file
  sqlite3_file* base;      // the unix-excl file, allocated right after this struct
  FileMap* map;            // main database files only
};

File* Of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
sqlite3_file* Base(sqlite3_file* f) { return Of(f)->base; }

FileMap* AcquireMap(const std::string& path, sqlite3_file* base) {
  std::lock_guard lock(g_maps_mu);
  if (g_maps == nullptr) {
    g_maps = new std::map<std::string, FileMap*>();
  }
  FileMap*& map = (*g_maps)[path];
  if (map == nullptr) {
    map = new FileMap();
    map->path = path;
    sqlite3_int64 size = 0;
    if (base->pMethods->xFileSize(base, &size) == SQLITE_OK) {
      map->size.store(size, std::memory_order_release);
    }
    const int fd = g_refuse_maps.load() ? -1 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      // Beyond the end of the file the pages are not backed yet; they are never handed out
      // before a write of this process has put them in the file.
      void* base_address = ::mmap(nullptr, static_cast<size_t>(kMapBytes), PROT_READ, MAP_SHARED,
                                  fd, 0);
      ::close(fd);
      if (base_address != MAP_FAILED) {
        map->base = static_cast<char*>(base_address);
      }
    }
  }
  ++map->opens;
  return map;
}

void ReleaseMap(FileMap* map) {
  std::lock_guard lock(g_maps_mu);
  if (--map->opens > 0) {
    return;
  }
  if (map->base != nullptr) {
    ::munmap(map->base, static_cast<size_t>(kMapBytes));
  }
  g_maps->erase(map->path);
  delete map;
}

void Grow(FileMap* map, int64_t end) {
  int64_t size = map->size.load(std::memory_order_acquire);
  while (size < end && !map->size.compare_exchange_weak(size, end, std::memory_order_acq_rel)) {
  }
}

int Close(sqlite3_file* f) {
  File* file = Of(f);
  const int rc = file->base->pMethods->xClose(file->base);
  if (file->map != nullptr) {
    ReleaseMap(file->map);
    file->map = nullptr;
  }
  return rc;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  return Base(f)->pMethods->xRead(Base(f), out, amount, offset);
}

// The unix VFS writes fewer than 128 KiB per call: it keeps the low 17 bits of the length and
// reports a short write as a full disk (SQLITE_FULL). Pages never come near that, but a
// statement journal that outgrows its memory (sqlite.cc) writes its chunks to its file whole,
// so longer writes go down in pieces.
constexpr int kMaxWrite = 64 * 1024;

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  const auto* bytes = static_cast<const char*>(data);
  int rc = SQLITE_OK;
  for (int done = 0; done < amount && rc == SQLITE_OK;) {
    const int piece = std::min(amount - done, kMaxWrite);
    rc = Base(f)->pMethods->xWrite(Base(f), bytes + done, piece, offset + done);
    done += piece;
  }
  if (rc == SQLITE_OK && Of(f)->map != nullptr) {
    Grow(Of(f)->map, offset + amount);
  }
  return rc;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  FileMap* map = Of(f)->map;
  if (map != nullptr && size < map->size.load(std::memory_order_acquire)) {
    map->size.store(size, std::memory_order_release);  // before the pages go
  }
  const int rc = Base(f)->pMethods->xTruncate(Base(f), size);
  if (rc == SQLITE_OK && map != nullptr) {
    Grow(map, size);
  }
  return rc;
}

int Sync(sqlite3_file* f, int flags) { return Base(f)->pMethods->xSync(Base(f), flags); }

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  const FileMap* map = Of(f)->map;
  if (map != nullptr && map->owned.load(std::memory_order_acquire)) {
    *size = map->size.load(std::memory_order_acquire);
    return SQLITE_OK;
  }
  return Base(f)->pMethods->xFileSize(Base(f), size);
}

// No connection of this process writes before its first lock returns, so the size read here
// misses none of this process's writes; until then another process may have changed the file.
int Lock(sqlite3_file* f, int level) {
  const int rc = Base(f)->pMethods->xLock(Base(f), level);
  FileMap* map = Of(f)->map;
  if (rc != SQLITE_OK || map == nullptr || map->owned.load(std::memory_order_acquire)) {
    return rc;
  }
  std::lock_guard lock(map->own_mu);
  if (!map->own_tried) {
    map->own_tried = true;
    sqlite3_int64 size = 0;
    if (Base(f)->pMethods->xFileSize(Base(f), &size) == SQLITE_OK) {
      map->size.store(size, std::memory_order_release);
      map->owned.store(true, std::memory_order_release);
    }
  }
  return rc;
}

int Unlock(sqlite3_file* f, int level) { return Base(f)->pMethods->xUnlock(Base(f), level); }

int CheckReservedLock(sqlite3_file* f, int* out) {
  return Base(f)->pMethods->xCheckReservedLock(Base(f), out);
}

int FileControl(sqlite3_file* f, int op, void* arg) {
  if (op == SQLITE_FCNTL_MMAP_SIZE) {
    // The map is this VFS's: the base file must not make one of its own.
    auto* size = static_cast<sqlite3_int64*>(arg);
    const FileMap* map = Of(f)->map;
    *size = map != nullptr && map->base != nullptr ? kMapBytes : 0;
    return SQLITE_OK;
  }
  return Base(f)->pMethods->xFileControl(Base(f), op, arg);
}

int SectorSize(sqlite3_file* f) { return Base(f)->pMethods->xSectorSize(Base(f)); }

int DeviceCharacteristics(sqlite3_file* f) {
  return Base(f)->pMethods->xDeviceCharacteristics(Base(f));
}

int ShmMap(sqlite3_file* f, int region, int region_size, int extend, void volatile** out) {
  return Base(f)->pMethods->xShmMap(Base(f), region, region_size, extend, out);
}

int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Base(f)->pMethods->xShmLock(Base(f), offset, n, flags);
}

void ShmBarrier(sqlite3_file* f) { Base(f)->pMethods->xShmBarrier(Base(f)); }

int ShmUnmap(sqlite3_file* f, int delete_flag) {
  return Base(f)->pMethods->xShmUnmap(Base(f), delete_flag);
}

int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  *out = nullptr;
  const FileMap* map = Of(f)->map;
  if (map == nullptr || map->base == nullptr || offset < 0 || amount <= 0) {
    return SQLITE_OK;
  }
  const int64_t end = offset + amount;
  if (end <= kMapBytes && end <= map->size.load(std::memory_order_acquire)) {
    *out = map->base + offset;
  }
  return SQLITE_OK;
}

// Releasing one page, or the whole map (null `page`): the map stays; see the header.
int Unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {
    3,         Close,      Read,      Write,        Truncate, Sync,
    FileSize,  Lock,       Unlock,    CheckReservedLock,      FileControl,
    SectorSize, DeviceCharacteristics, ShmMap,     ShmLock,  ShmBarrier,
    ShmUnmap,  Fetch,      Unfetch,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  File* file = Of(f);
  file->file.pMethods = nullptr;
  file->base = reinterpret_cast<sqlite3_file*>(file + 1);
  file->map = nullptr;
  const int rc = g_base->xOpen(g_base, name, file->base, flags, out_flags);
  if (file->base->pMethods == nullptr) {
    return rc;
  }
  file->file.pMethods = &kMethods;
  if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) != 0 && name != nullptr) {
    file->map = AcquireMap(name, file->base);
  }
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_base->xDelete(g_base, name, sync_dir);
}

int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_base->xAccess(g_base, name, flags, out);
}

int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return g_base->xFullPathname(g_base, name, size, out);
}

void* DlOpen(sqlite3_vfs*, const char* name) { return g_base->xDlOpen(g_base, name); }

void DlError(sqlite3_vfs*, int size, char* out) { g_base->xDlError(g_base, size, out); }

void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_base->xDlSym(g_base, handle, symbol);
}

void DlClose(sqlite3_vfs*, void* handle) { g_base->xDlClose(g_base, handle); }

int Randomness(sqlite3_vfs*, int size, char* out) {
  return g_base->xRandomness(g_base, size, out);
}

int Sleep(sqlite3_vfs*, int micros) { return g_base->xSleep(g_base, micros); }

int CurrentTime(sqlite3_vfs*, double* out) { return g_base->xCurrentTime(g_base, out); }

int GetLastError(sqlite3_vfs*, int size, char* out) {
  return g_base->xGetLastError(g_base, size, out);
}

int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_base->xCurrentTimeInt64(g_base, out);
}

}  // namespace

bool RefuseMapsForTesting(bool refuse) { return g_refuse_maps.exchange(refuse); }

const char* Name() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_base = sqlite3_vfs_find(kBaseName);
    if (g_base == nullptr || g_base->iVersion < 2) {
      return;  // Connection::Open then reports the VFS missing
    }
    g_vfs = sqlite3_vfs{};
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(File)) + g_base->szOsFile;
    g_vfs.mxPathname = g_base->mxPathname;
    g_vfs.zName = kName;
    g_vfs.xOpen = Open;
    g_vfs.xDelete = Delete;
    g_vfs.xAccess = Access;
    g_vfs.xFullPathname = FullPathname;
    g_vfs.xDlOpen = DlOpen;
    g_vfs.xDlError = DlError;
    g_vfs.xDlSym = DlSym;
    g_vfs.xDlClose = DlClose;
    g_vfs.xRandomness = Randomness;
    g_vfs.xSleep = Sleep;
    g_vfs.xCurrentTime = CurrentTime;
    g_vfs.xGetLastError = GetLastError;
    g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    sqlite3_vfs_register(&g_vfs, 0);
  });
  return kName;
}

}  // namespace cognito::storage::mapped_vfs
