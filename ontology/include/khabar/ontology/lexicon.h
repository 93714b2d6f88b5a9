// The lexicon: known actors and places, and the word lists the extractor's rules use.
//
// Loaded from every *.xml file of a directory (ontology/lexicon/, schema in docs/lexicon.md). The
// lexicon holds surface forms exactly as written; building match keys (normalisation, generated
// inflections) is extract/'s job, so this module needs no Arabic text processing.
//
// Ownership: a Lexicon owns all its strings. Thread safety: immutable after loading, safe to share
// between threads for reading.
#ifndef KHABAR_ONTOLOGY_LEXICON_H_
#define KHABAR_ONTOLOGY_LEXICON_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "khabar/ontology/status.h"
#include "khabar/ontology/vocab.h"

namespace khabar::ontology {

// One <entity> of the lexicon.
struct EntityEntry {
  std::string id;  // snake_case, unique across the lexicon
  vocab::EntityType type = vocab::EntityType::kPlace;
  std::string subtype;      // ontology subclass local name, or empty
  std::string en;           // English label
  std::string qid;          // Wikidata QID or empty
  std::string in;           // containing place/state id
  std::string of;           // owning state/organisation id
  std::string capital;      // State: its capital's id
  std::string capital_of;   // capital city: the State it stands for metonymically
  std::string ethnonym_of;  // Group: the State whose nisba names it
  std::string kin;          // Polity: the state whose people form it (informal "<kin> forces" there are its forces)
  std::vector<std::string> forms;
  std::vector<std::string> nisbas;    // masculine singular nisba adjectives
  std::vector<std::string> demonyms;  // broken-plural demonyms
  std::string origin;                 // "file.xml:line", for messages
};

// One <w> of a <wordlist>: a word or phrase with free-form attributes.
struct Word {
  std::string text;
  std::map<std::string, std::string, std::less<>> attrs;
  // The attribute's value, or `fallback` when absent.
  std::string_view Attr(std::string_view name, std::string_view fallback = {}) const;
};

class Lexicon {
 public:
  // Loads every *.xml file under `dir` (not recursive), in file-name order. On error the lexicon is
  // left unchanged and the status names the file, the line and the reason.
  [[nodiscard]] static Status LoadDirectory(const std::filesystem::path& dir, Lexicon* out);
  // Loads one file, adding to what is already loaded (ids must stay unique).
  [[nodiscard]] Status LoadFile(const std::filesystem::path& file);
  // Loads from a string (tests); `name` is used in messages.
  [[nodiscard]] Status LoadString(std::string_view xml, std::string_view name);

  const std::vector<EntityEntry>& entities() const { return entities_; }
  // The entry with this id, or nullptr.
  const EntityEntry* Find(std::string_view id) const;
  // The word list of that name (empty if none was loaded).
  const std::vector<Word>& WordList(std::string_view name) const;
  // Names of all loaded word lists.
  std::vector<std::string> WordListNames() const;

 private:
  std::vector<EntityEntry> entities_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::map<std::string, std::vector<Word>, std::less<>> lists_;
};

}  // namespace khabar::ontology

#endif  // KHABAR_ONTOLOGY_LEXICON_H_
