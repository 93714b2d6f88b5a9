// The mention passes in the order they run.
#include "mentions/passes.h"

#include <array>

namespace khabar::extract {

// A pass switched off (ExtractorOptions) adds nothing, and the passes after it find less: most read the
// names of "lexicon" and "latin-name" (ctx.names_at), "nisba", "peacekeepers" and "title" its nisbas;
// "separatists" and "nisba" read the "polity"; "surname" and "person-suffix" read the persons found before.
std::span<const MentionPass> MentionPasses() {
  static constexpr std::array kPasses{
      MentionPass{"lexicon", &FindLexiconNames,
                  "the lexicon's names (a capital may stand for its state: capital-metonymy); collects the nisbas"},
      MentionPass{"latin-name", &FindLatinNames, "Latin-script acronyms and capitalised runs are organisations"},
      MentionPass{"polity", &FindPolity, "the polity whose territory the article names most (no candidates)"},
      MentionPass{"separatists", &FindSeparatists, "separatists are the forces or the authorities of the polity"},
      MentionPass{"nisba", &FindNisbaPhrases,
                  "head + nisba: institutions, forces, populations, governments, ethnonyms, counts of people"},
      MentionPass{"construct", &FindConstructPhrases,
                  "institution or force head + a state's, polity's or place's name; polity head + region"},
      MentionPass{"force-name", &FindForceNames,
                  "a unit named by its number, a force by its own name (a head, a definite field, adjectives)"},
      MentionPass{"institution", &FindInstitutions, "a ministry named without its state (its state if the text says)"},
      MentionPass{"peacekeepers", &FindPeacekeepers, "peacekeepers without their state: the article's one force"},
      MentionPass{"title", &FindTitledPersons,
                  "a person after a title (+ owner, posting, rank); roles of lexicon persons"},
      MentionPass{"apposition-speaker", &FindAppositionsAndSpeakers,
                  "a person before a comma and a title, or after a reporting verb"},
      MentionPass{"outlet+name", &FindOutletJournalists, "a journalist named right after their outlet"},
      MentionPass{"surname", &FindSurnames, "a surname alone names a person found earlier in the article"},
      MentionPass{"classifier", &FindClassifiedNames, "a place after a classifier, an outlet after a media classifier"},
      MentionPass{"bare-army", &FindHomeArmyMentions,
                  "a bare army (الجيش، قوات النظام) is a nominal mention of the one army the article ties it to"},
      MentionPass{"person-suffix", &TrimPersonsToLexiconNames,
                  "a person found by rule that ends with a lexicon person's full name yields to it"},
  };
  return kPasses;
}

}  // namespace khabar::extract
