#include "khabar/ontology/vocab.h"

#include <cstddef>

namespace khabar::vocab {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view Name(EntityType t) { return kEntityTypeNames[static_cast<std::size_t>(t)]; }
std::string_view Name(EventType t) { return kEventTypeNames[static_cast<std::size_t>(t)]; }
std::string_view Name(FigureKind k) { return kFigureKindNames[static_cast<std::size_t>(k)]; }
std::string_view Name(Qualifier q) { return kQualifierNames[static_cast<std::size_t>(q)]; }

std::optional<EntityType> ParseEntityType(std::string_view n) { return ParseName<EntityType>(kEntityTypeNames, n); }
std::optional<EventType> ParseEventType(std::string_view n) { return ParseName<EventType>(kEventTypeNames, n); }
std::optional<FigureKind> ParseFigureKind(std::string_view n) { return ParseName<FigureKind>(kFigureKindNames, n); }

bool IsStatement(EventType t) {
  switch (t) {
    case EventType::kAccusation:
    case EventType::kDenial:
    case EventType::kCondemnation:
    case EventType::kAppeal:
    case EventType::kPledge:
      return true;
    default:
      return false;
  }
}

}  // namespace khabar::vocab
