// OrderedParallelMap: items consumed in order whatever the producers' timing, never more than `window`
// items ahead of the consumer.
#include "khabar/extract/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace khabar::extract {
namespace {

TEST(PipelineTest, ConsumesInOrderWhateverTheTiming) {
  std::vector<std::size_t> seen;
  // Later items are produced faster than earlier ones, so they finish first.
  OrderedParallelMap<std::string>(
      200, 4, 8,
      [](std::size_t k) {
        std::this_thread::sleep_for(std::chrono::microseconds((200 - k) % 7 * 50));
        return std::to_string(k);
      },
      [&](std::size_t k, std::string&& s) {
        EXPECT_EQ(s, std::to_string(k));
        seen.push_back(k);
      });
  ASSERT_EQ(seen.size(), 200u);
  for (std::size_t k = 0; k < seen.size(); ++k) EXPECT_EQ(seen[k], k);
}

TEST(PipelineTest, ProducersStayWithinTheWindow) {
  constexpr std::size_t kWindow = 3;
  std::atomic<std::size_t> produced{0};
  std::size_t worst = 0;
  OrderedParallelMap<int>(
      100, 3, kWindow, [&](std::size_t) { return static_cast<int>(++produced); },
      [&](std::size_t k, int&&) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));  // a slow consumer
        worst = std::max(worst, produced.load() - (k + 1));           // items made but not yet consumed
      });
  EXPECT_LE(worst, kWindow);
  EXPECT_EQ(produced.load(), 100u);
}

TEST(PipelineTest, NothingToDo) {
  int calls = 0;
  OrderedParallelMap<int>(
      0, 2, 4, [&](std::size_t) { return ++calls; }, [&](std::size_t, int&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace khabar::extract
