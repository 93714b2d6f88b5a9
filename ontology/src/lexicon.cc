#include "khabar/ontology/lexicon.h"

#include <algorithm>
#include <pugixml.hpp>
#include <regex>

namespace khabar::ontology {
namespace {

// pugixml reports byte offsets; messages want a line number.
std::size_t LineOf(std::string_view text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  auto end = std::min<std::size_t>(static_cast<std::size_t>(offset), text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string_view Word::Attr(std::string_view name, std::string_view fallback) const {
  auto it = attrs.find(name);
  return it == attrs.end() ? fallback : std::string_view(it->second);
}

Status Lexicon::LoadDirectory(const std::filesystem::path& dir, Lexicon* out) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::NotFound("lexicon directory " + dir.string() + " does not exist");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".xml") files.push_back(e.path());
  }
  if (ec) return Status::IoError("cannot list " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  Lexicon lex;
  for (const auto& f : files) KHABAR_RETURN_IF_ERROR(lex.LoadFile(f));
  *out = std::move(lex);
  return Status::Ok();
}

Status Lexicon::LoadFile(const std::filesystem::path& file) {
  FILE* fp = std::fopen(file.c_str(), "rb");
  if (fp == nullptr) return Status::IoError("cannot open " + file.string());
  std::string data;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) data.append(buf, n);
  bool failed = std::ferror(fp) != 0;
  std::fclose(fp);
  if (failed) return Status::IoError("cannot read " + file.string());
  return LoadString(data, file.filename().string());
}

Status Lexicon::LoadString(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  // No DOCTYPE processing: the lexicon needs no entities, and pugixml never fetches external ones.
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  auto where = [&](std::ptrdiff_t off) { return std::string(name) + ":" + std::to_string(LineOf(xml, off)); };
  if (!r) return Status::ParseError(where(r.offset) + ": " + r.description());
  pugi::xml_node root = doc.child("lexicon");
  if (!root) return Status::ParseError(std::string(name) + ": root element must be <lexicon>");

  static const std::regex kId("^[a-z0-9_]+$");
  static const std::regex kQid("^Q[1-9][0-9]*$");
  std::vector<EntityEntry> added;
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    std::string tag = n.name();
    if (tag == "entity") {
      EntityEntry e;
      e.origin = where(n.offset_debug());
      e.id = n.attribute("id").value();
      if (!std::regex_match(e.id, kId)) return Status::ParseError(e.origin + ": bad entity id '" + e.id + "'");
      auto type = vocab::ParseEntityType(n.attribute("type").value());
      if (!type) {
        return Status::ParseError(e.origin + ": entity " + e.id + " has unknown type '" + n.attribute("type").value() +
                                  "'");
      }
      e.type = *type;
      e.subtype = n.attribute("subtype").value();
      e.en = n.attribute("en").value();
      e.qid = n.attribute("qid").value();
      if (!e.qid.empty() && !std::regex_match(e.qid, kQid)) {
        return Status::ParseError(e.origin + ": entity " + e.id + " has malformed qid '" + e.qid + "'");
      }
      e.in = n.attribute("in").value();
      e.of = n.attribute("of").value();
      e.capital = n.attribute("capital").value();
      e.capital_of = n.attribute("capital-of").value();
      e.ethnonym_of = n.attribute("ethnonym-of").value();
      e.kin = n.attribute("kin").value();
      for (pugi::xml_node c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        std::string text = Trim(c.text().get());
        if (text.empty()) continue;
        std::string ctag = c.name();
        if (ctag == "form") {
          e.forms.push_back(std::move(text));
        } else if (ctag == "nisba") {
          e.nisbas.push_back(std::move(text));
        } else if (ctag == "demonym") {
          e.demonyms.push_back(std::move(text));
        } else {
          return Status::ParseError(where(c.offset_debug()) + ": unknown element <" + ctag + ">");
        }
      }
      if (e.forms.empty()) return Status::ParseError(e.origin + ": entity " + e.id + " has no <form>");
      if (by_id_.count(e.id) != 0 ||
          std::any_of(added.begin(), added.end(), [&](const EntityEntry& a) { return a.id == e.id; })) {
        return Status::ParseError(e.origin + ": duplicate entity id '" + e.id + "'");
      }
      added.push_back(std::move(e));
    } else if (tag == "wordlist") {
      std::string list = n.attribute("name").value();
      if (list.empty()) return Status::ParseError(where(n.offset_debug()) + ": <wordlist> without name");
      auto& words = lists_[list];
      for (pugi::xml_node w : n.children("w")) {
        Word word;
        word.text = Trim(w.text().get());
        if (word.text.empty()) return Status::ParseError(where(w.offset_debug()) + ": empty <w>");
        for (pugi::xml_attribute a : w.attributes()) word.attrs.emplace(a.name(), a.value());
        words.push_back(std::move(word));
      }
    } else {
      return Status::ParseError(where(n.offset_debug()) + ": unknown element <" + tag + ">");
    }
  }
  for (auto& e : added) {
    by_id_.emplace(e.id, entities_.size());
    entities_.push_back(std::move(e));
  }
  return Status::Ok();
}

const EntityEntry* Lexicon::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

const std::vector<Word>& Lexicon::WordList(std::string_view name) const {
  static const std::vector<Word> kEmpty;
  auto it = lists_.find(name);
  return it == lists_.end() ? kEmpty : it->second;
}

std::vector<std::string> Lexicon::WordListNames() const {
  std::vector<std::string> names;
  for (const auto& [k, v] : lists_) names.push_back(k);
  return names;
}

}  // namespace khabar::ontology
