#include "store.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace khabar::cli {
namespace fs = std::filesystem;
namespace {

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

bool OnPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && ::access((fs::path(dir) / name).c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// FNV-1a, 64 bits: names directories and summarises the graph file (not a security measure).
std::uint64_t Fnv(std::string_view data, std::uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string Hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

fs::path CacheRoot() {
  if (const char* v = std::getenv("KHABAR_CACHE_DIR"); v && *v) return v;
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v && *v) return fs::path(v) / "khabar";
  return fs::path(Env("HOME", "/tmp")) / ".cache" / "khabar";
}

// What identifies this version of the graph file: path, size, modification time (ns), inode and a hash of
// its first and last MiB (a file rewritten within one timestamp tick with the same size still differs
// there, as a khabar build of other articles would).
Status Stamp(const fs::path& graph, std::string* out) {
  struct stat st {};
  if (::stat(graph.c_str(), &st) != 0) return Status::IoError(Errno(graph.string()));
  std::ifstream in(graph, std::ios::binary);
  constexpr std::streamoff kPart = 1 << 20;
  std::string part(static_cast<std::size_t>(kPart), '\0');
  in.read(part.data(), kPart);
  std::uint64_t h = Fnv(std::string_view(part.data(), static_cast<std::size_t>(in.gcount())));
  if (st.st_size > kPart) {
    in.clear();
    in.seekg(st.st_size - kPart);
    in.read(part.data(), kPart);
    h = Fnv(std::string_view(part.data(), static_cast<std::size_t>(in.gcount())), h);
  }
  if (in.bad()) return Status::IoError(graph.string() + ": cannot read");
  std::ostringstream os;
  os << "path " << fs::absolute(graph).lexically_normal().string() << "\nsize " << st.st_size << "\nmtime "
     << st.st_mtim.tv_sec << "." << st.st_mtim.tv_nsec << "\ninode " << st.st_ino << "\nhash " << Hex(h) << "\n";
  *out = os.str();
  return Status::Ok();
}

// Says every ten seconds that `what` is still going on, until destroyed.
class Ticker {
 public:
  Ticker(std::string what, const std::function<void(const std::string&)>& note) {
    thread_ = std::thread([this, what = std::move(what), note] {
      std::unique_lock lock(mu_);
      for (int n = 1; !cv_.wait_for(lock, std::chrono::seconds(10), [this] { return done_; }); ++n) {
        if (note) note("still " + what + ": " + std::to_string(n * 10) + " s");
      }
    });
  }
  ~Ticker() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// Runs `bash script args…`, its standard output collected in *out (stderr passes through: the script's
// messages reach the user). Returns its exit status, or -1 when it could not be started.
int RunScript(const fs::path& script, const std::vector<std::string>& args, std::string* out) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
  Fd read_end(fds[0]), write_end(fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> argv_s{"bash", script.string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, "bash", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  write_end.Reset();
  std::array<char, 4096> buf;
  for (;;) {
    ssize_t n = ::read(read_end.get(), buf.data(), buf.size());
    if (n > 0) {
      out->append(buf.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string SecondsText(std::chrono::steady_clock::time_point since) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count());
  return buf;
}

// Virtuoso's page cache for this graph, unless the user set it (VIRTUOSO_BUFFERS, read by the script):
// one 8 KiB buffer per 8 KiB of graph file, from the script's 20,000 (160 MB) up to 262,144 (2 GiB).
// Set before any thread of ours starts; the script reads it from the environment it inherits.
void SizeBuffers(const fs::path& graph) {
  if (std::getenv("VIRTUOSO_BUFFERS") != nullptr) return;
  std::error_code ec;
  std::uintmax_t pages = fs::file_size(graph, ec) / 8192;
  if (ec) return;
  std::uintmax_t buffers = std::clamp<std::uintmax_t>(pages, 20000, 262144);
  ::setenv("VIRTUOSO_BUFFERS", std::to_string(buffers).c_str(), 0);
  ::setenv("VIRTUOSO_DIRTY_BUFFERS", std::to_string(buffers * 3 / 4).c_str(), 0);
}

}  // namespace

bool VirtuosoInstalled() { return OnPath(Env("VIRTUOSO", "virtuoso-t")) && OnPath(Env("ISQL", "isql-vt")); }

fs::path StoreDir(const fs::path& graph) {
  std::error_code ec;
  fs::path abs = fs::absolute(graph, ec).lexically_normal();
  std::string name;
  for (char c : graph.stem().string()) {  // a readable prefix: letters, digits, - and _ only
    if (name.size() < 32 && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) name.push_back(c);
  }
  return CacheRoot() / "virtuoso" / ((name.empty() ? "graph" : name) + "-" + Hex(Fnv(abs.string())));
}

Status EnsureStore(const StoreOptions& o, std::string* endpoint) {
  if (!VirtuosoInstalled()) {
    return Status::NotFound(
        "the triple store for large graphs is not installed: install Debian's virtuoso-opensource "
        "(scripts/setup.sh does it with its system service off), or query with the embedded engine "
        "(--engine rasqal; slow on large graphs)");
  }
  if (!fs::is_regular_file(o.script)) {
    return Status::NotFound(o.script.string() + ": the store's helper script is missing (set KHABAR_DATA_DIR)");
  }
  fs::path dir = StoreDir(o.graph);
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  if (ec) return Status::IoError(dir.parent_path().string() + ": " + ec.message());
  // One khabar at a time per store: the lock is released when the descriptor closes (on exit too).
  Fd lock(::open((dir.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (lock.get() < 0) return Status::IoError(Errno(dir.string() + ".lock"));
  if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
    o.note("waiting for another khabar process that is starting or loading " + dir.string());
    while (::flock(lock.get(), LOCK_EX) != 0) {
      if (errno != EINTR) return Status::IoError(Errno("flock " + dir.string() + ".lock"));
    }
  }
  std::string stamp;
  KHABAR_RETURN_IF_ERROR(Stamp(o.graph, &stamp));
  std::string out;
  if (RunScript(o.script, {"status", dir.string()}, &out) != 0) {
    auto t0 = std::chrono::steady_clock::now();
    o.note("starting the private triple store (Virtuoso on 127.0.0.1, data in " + dir.string() + ")");
    SizeBuffers(o.graph);
    Ticker tick("starting the triple store", o.note);
    out.clear();
    if (RunScript(o.script, {"start", dir.string()}, &out) != 0) {
      return Status::IoError("the private triple store did not start (" + dir.string() + "/db/virtuoso.log)");
    }
    o.note("triple store started in " + SecondsText(t0) +
           "; it keeps running for the next queries (stop it: " + o.script.string() + " stop " + dir.string() + ")");
  }
  std::ifstream loaded_in(dir / "loaded");
  std::stringstream loaded;
  loaded << loaded_in.rdbuf();
  if (loaded.str() != stamp + "graph " + o.graph_iri + "\n") {
    auto t0 = std::chrono::steady_clock::now();
    auto bytes = fs::file_size(o.graph, ec);
    o.note("loading " + o.graph.string() + " (" + std::to_string(ec ? 0 : bytes / (1024 * 1024)) +
           " MB) into the triple store; done once per version of the file");
    fs::remove(dir / "loaded", ec);
    Ticker tick("loading " + o.graph.filename().string(), o.note);
    out.clear();
    if (RunScript(o.script, {"load", dir.string(), fs::absolute(o.graph, ec).string(), o.graph_iri}, &out) != 0) {
      return Status::IoError("loading " + o.graph.string() + " into the triple store failed (see the message above)");
    }
    o.note(Trimmed(out) + " in " + SecondsText(t0));
    fs::path tmp = dir / "loaded.tmp";
    {
      std::ofstream f(tmp);
      f << stamp << "graph " << o.graph_iri << "\n";
      if (!f) return Status::IoError(tmp.string() + ": cannot write");
    }
    fs::rename(tmp, dir / "loaded", ec);
    if (ec) return Status::IoError((dir / "loaded").string() + ": " + ec.message());
  }
  out.clear();
  if (RunScript(o.script, {"endpoint", dir.string()}, &out) != 0 || Trimmed(out).empty()) {
    return Status::IoError(dir.string() + ": the store's endpoint is unknown");
  }
  *endpoint = Trimmed(out);
  return Status::Ok();
}

}  // namespace khabar::cli
