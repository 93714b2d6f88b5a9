// An ordered parallel map, the shape of every build: items are produced on worker threads (read and
// extract an article) and consumed on the calling thread in item order (add it to the graph), so the
// output does not depend on thread timing. Workers stay at most `window` items ahead of the consumer, so
// memory does not grow with the number of items.
#ifndef KHABAR_EXTRACT_PIPELINE_H_
#define KHABAR_EXTRACT_PIPELINE_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace khabar::extract {

// Calls produce(k) for k in [0, n) on `jobs` threads (at least one) and consume(k, std::move(item)) on the
// calling thread for k = 0, 1, … in order. `produce` must be safe to call from several threads at once;
// `consume` runs on one thread only. Both must not throw.
template <class T, class Produce, class Consume>
void OrderedParallelMap(std::size_t n, unsigned jobs, std::size_t window, Produce produce, Consume consume) {
  jobs = std::max(1u, jobs);
  window = std::max<std::size_t>(1, window);
  // A ring of slots: item k uses slot k % slots.size(), free again once item k - window has been consumed,
  // which the window condition guarantees.
  std::vector<std::optional<T>> slots(std::max<std::size_t>(1, std::min(window, n)));
  std::mutex mu;
  std::condition_variable cv_done, cv_space;
  std::size_t next = 0, consumed = 0;
  auto worker = [&]() {
    for (;;) {
      std::size_t k;
      {
        std::unique_lock lock(mu);
        cv_space.wait(lock, [&] { return next >= n || next < consumed + window; });
        if (next >= n) return;
        k = next++;
      }
      T item = produce(k);
      {
        std::lock_guard lock(mu);
        slots[k % slots.size()].emplace(std::move(item));
      }
      cv_done.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(worker);
  for (std::size_t k = 0; k < n; ++k) {
    std::optional<T> item;
    {
      std::unique_lock lock(mu);
      std::optional<T>& slot = slots[k % slots.size()];
      cv_done.wait(lock, [&] { return slot.has_value(); });
      item.swap(slot);
      consumed = k + 1;
    }
    cv_space.notify_all();
    consume(k, std::move(*item));
  }
  for (auto& t : threads) t.join();
}

}  // namespace khabar::extract

#endif  // KHABAR_EXTRACT_PIPELINE_H_
