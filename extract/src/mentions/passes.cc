// The mention passes in the order they run.
#include "mentions/passes.h"

#include <array>

namespace khabar::extract {

std::span<const MentionPass> MentionPasses() {
  static constexpr std::array kPasses{
      MentionPass{"lexicon", &FindLexiconNames,
                  "the lexicon's names (a capital may stand for its state: capital-metonymy); collects the nisbas"},
      MentionPass{"latin-name", &FindLatinNames, "Latin-script acronyms and capitalised runs are organisations"},
      MentionPass{"polity", &FindPolity, "the polity whose territory the article names most (no candidates)"},
      MentionPass{"separatists", &FindSeparatists, "separatists are the forces or the authorities of the polity"},
      MentionPass{"nisba", &FindNisbaPhrases,
                  "head + nisba: institutions, forces, populations, governments, ethnonyms, counts of people"},
      MentionPass{"remaining", &FindRemainingMentions, "the rules not yet moved into passes of their own"},
  };
  return kPasses;
}

}  // namespace khabar::extract
