#include "keys.h"

#include <array>

#include "khabar/extract/arabic.h"

namespace khabar::extract {

namespace {

struct NamedKey {
  std::u32string GrammarKeys::*member;
  std::string_view list, id;
};

constexpr std::array kNamed{
    NamedKey{&GrammarKeys::ila, "preposition", "ila"},
    NamedKey{&GrammarKeys::fi, "preposition", "fi"},
    NamedKey{&GrammarKeys::ala, "preposition", "ala"},
    NamedKey{&GrammarKeys::an, "preposition", "an"},
    NamedKey{&GrammarKeys::didd, "preposition", "didd"},
    NamedKey{&GrammarKeys::nahwa, "preposition", "nahwa"},
    NamedKey{&GrammarKeys::min, "preposition", "min"},
    NamedKey{&GrammarKeys::bi_riasa, "preposition", "bi_riasa"},
    NamedKey{&GrammarKeys::bi_qiyada, "preposition", "bi_qiyada"},
    NamedKey{&GrammarKeys::wa_fi, "preposition", "wa_fi"},
    NamedKey{&GrammarKeys::maa, "preposition", "maa"},
    NamedKey{&GrammarKeys::qabl, "preposition", "qabl"},
    NamedKey{&GrammarKeys::bi_ism, "preposition", "bi_ism"},
    NamedKey{&GrammarKeys::inna, "particle", "inna"},
    NamedKey{&GrammarKeys::lakin, "particle", "lakin"},
    NamedKey{&GrammarKeys::walakin, "particle", "walakin"},
    NamedKey{&GrammarKeys::baynama, "particle", "baynama"},
    NamedKey{&GrammarKeys::haythu, "particle", "haythu"},
    NamedKey{&GrammarKeys::ma, "particle", "ma"},
    NamedKey{&GrammarKeys::kull, "particle", "kull"},
    NamedKey{&GrammarKeys::faqad, "particle", "faqad"},
    NamedKey{&GrammarKeys::thumma, "particle", "thumma"},
    NamedKey{&GrammarKeys::huwa, "pronoun", "huwa"},
    NamedKey{&GrammarKeys::wa_huwa, "pronoun", "wa_huwa"},
    NamedKey{&GrammarKeys::alladhi, "relative_pronoun", "alladhi"},
    NamedKey{&GrammarKeys::al_anba, "noun", "al_anba"},
    NamedKey{&GrammarKeys::yad, "noun", "yad"},
    NamedKey{&GrammarKeys::aydi, "noun", "aydi"},
    NamedKey{&GrammarKeys::al_mawqif, "noun", "al_mawqif"},
    NamedKey{&GrammarKeys::al_masuliya, "noun", "al_masuliya"},
    NamedKey{&GrammarKeys::masuliya, "noun", "masuliya"},
    NamedKey{&GrammarKeys::am, "noun", "am"},
    NamedKey{&GrammarKeys::sana, "noun", "sana"},
    NamedKey{&GrammarKeys::adad, "noun", "adad"},
    NamedKey{&GrammarKeys::adadan, "noun", "adadan"},
    NamedKey{&GrammarKeys::yawm, "noun", "yawm"},
    NamedKey{&GrammarKeys::wa_yawm, "noun", "wa_yawm"},
    NamedKey{&GrammarKeys::umam, "noun", "umam"},
    NamedKey{&GrammarKeys::wafd, "delegation", "wafd"},
    NamedKey{&GrammarKeys::wafdan, "delegation", "wafdan"},
    NamedKey{&GrammarKeys::bayna, "between", "bayna"},
    NamedKey{&GrammarKeys::innahu, "inna_pronoun", "innahu"},
    NamedKey{&GrammarKeys::iyya, "suffix", "iyya"},
    NamedKey{&GrammarKeys::at, "suffix", "at"},
    NamedKey{&GrammarKeys::in, "suffix", "in"},
    NamedKey{&GrammarKeys::un, "suffix", "un"},
    NamedKey{&GrammarKeys::iyyun, "suffix", "iyyun"},
    NamedKey{&GrammarKeys::wa, "suffix", "wa"},
    NamedKey{&GrammarKeys::ha, "suffix", "ha"},
    NamedKey{&GrammarKeys::hum, "suffix", "hum"},
};

// A whole list, or the words of it whose attribute `attr` is `value`.
struct KeyList {
  std::vector<std::u32string> GrammarKeys::*member;
  std::string_view list, attr = {}, value = {};
};

constexpr std::array kLists{
    KeyList{&GrammarKeys::actor_prepositions, "preposition", "actor", "1"},
    KeyList{&GrammarKeys::relative_pronouns, "relative_pronoun"},
    KeyList{&GrammarKeys::inna_pronouns, "inna_pronoun"},
    KeyList{&GrammarKeys::demonstratives, "demonstrative", "number", "singular"},
    KeyList{&GrammarKeys::past_suffixes, "past_suffix"},
    KeyList{&GrammarKeys::present_prefixes, "present_prefix"},
    KeyList{&GrammarKeys::present_suffixes, "present_suffix"},
    KeyList{&GrammarKeys::noun_suffixes, "noun_suffix"},
    KeyList{&GrammarKeys::teh_suffixes, "teh_suffix"},
    KeyList{&GrammarKeys::pronoun_suffixes, "pronoun_suffix"},
    KeyList{&GrammarKeys::hamza_suffixes, "pronoun_suffix", "dual", ""},
    KeyList{&GrammarKeys::prepositional_pronouns, "prepositional_pronoun"},
    KeyList{&GrammarKeys::lam_pronouns, "lam_pronoun"},
    KeyList{&GrammarKeys::adverbs, "adverb"},
    KeyList{&GrammarKeys::cause_words, "cause_word"},
    KeyList{&GrammarKeys::endorsement_verbs, "endorsement_verb"},
    KeyList{&GrammarKeys::place_name_nouns, "place_name_noun"},
    KeyList{&GrammarKeys::name_classifiers, "name_classifier"},
    KeyList{&GrammarKeys::capital_nouns, "capital_noun"},
    KeyList{&GrammarKeys::directions, "direction"},
    KeyList{&GrammarKeys::affiliations, "affiliation"},
    KeyList{&GrammarKeys::separatists, "separatist"},
};

Status Missing(std::string_view list, std::string_view what) {
  return Status::InvalidArgument("lexicon word list '" + std::string(list) + "' " + std::string(what) +
                                 " (ontology/lexicon/grammar.xml missing or edited?)");
}

}  // namespace

Status LoadKeys(const ontology::Lexicon& lexicon, GrammarKeys* keys) {
  for (const NamedKey& n : kNamed) {
    std::u32string& key = keys->*n.member;
    key.clear();
    for (const ontology::Word& w : lexicon.WordList(n.list)) {
      if (w.Attr("id") == n.id) key = MatchKeyUtf8(w.text);
    }
    if (key.empty()) return Missing(n.list, "has no word id=\"" + std::string(n.id) + "\"");
  }
  for (const KeyList& l : kLists) {
    std::vector<std::u32string>& words = keys->*l.member;
    words.clear();
    for (const ontology::Word& w : lexicon.WordList(l.list)) {
      if (l.attr.empty() || w.Attr(l.attr) == l.value) words.push_back(MatchKeyUtf8(w.text));
    }
    if (words.empty()) {
      return Missing(l.list, l.attr.empty()
                                 ? std::string("is missing or empty")
                                 : "has no word with " + std::string(l.attr) + "=\"" + std::string(l.value) + "\"");
    }
  }
  return Status::Ok();
}

}  // namespace khabar::extract
