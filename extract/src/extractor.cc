#include "khabar/extract/extractor.h"

#include <span>

#include "events/context.h"
#include "events/trigger_frame.h"
#include "extractor_impl.h"
#include "mentions/passes.h"
#include "mentions/resolve.h"

namespace khabar::extract {

namespace {

void AddInflections(const GrammarKeys& keys, Matcher* m, const ontology::Word& w, const Payload& p) {
  std::string_view pos = w.Attr("pos", "form");
  std::u32string stem = K(w.text);
  auto add = [&](const std::u32string& key) { m->Add(EncodeUtf8(key), p); };
  if (pos == "phrase" || pos == "form" || pos == "noun-form") {
    add(stem);
    if (pos == "phrase") {
      // Definite variant of an indefinite phrase: عملية عسكرية → العملية العسكرية.
      std::u32string def;
      bool first = true;
      for (std::size_t i = 0; i <= stem.size(); ++i) {
        if (first && !(stem.size() > i + 1 && stem[i] == kAlef && stem[i + 1] == kLam)) def += kArticle;
        first = false;
        if (i == stem.size()) break;
        def.push_back(stem[i]);
        if (stem[i] == U' ') first = true;
      }
      add(def);
    }
    return;
  }
  if (pos == "verb") {
    // No object suffix ـه: it would read ة-nouns (استعادة, وزارة) as verbs.
    add(stem);
    for (const auto& s : keys.past_suffixes) add(stem + s);
    std::u32string present = K(w.Attr("present"));
    if (!present.empty()) {
      for (const auto& pre : keys.present_prefixes) {
        add(pre + present);
        for (const auto& suf : keys.present_suffixes) add(pre + present + suf);
      }
    }
    return;
  }
  // noun
  // No ـي: that is the nisba adjective (اجتماع → الاجتماعي "social").
  add(stem);
  for (const auto& s : keys.noun_suffixes) add(stem + s);
  if (!stem.empty() && stem.back() == kHeh) {  // ة: its plural and suffixed forms use ت
    std::u32string base = stem.substr(0, stem.size() - 1);
    for (const auto& s : keys.teh_suffixes) add(base + s);
  }
  if (!stem.empty() && stem.back() == kHamza) {  // إجلاء → إجلاؤهم / إجلائهم
    std::u32string base = stem.substr(0, stem.size() - 1);
    for (char32_t seat : {kWaw, kYeh}) {
      for (const auto& s : keys.hamza_suffixes) add(base + seat + s);
    }
  }
}

}  // namespace

void Extractor::Impl::Build() {
  // A form spelled like a nisba once ة is folded (تركيه "Türkiye" = تركية "Turkish") is read as the nisba:
  // طائرات تركية is Turkish aircraft, not a mention of the state.
  for (const auto& e : entities) {
    for (const auto& n : e.nisbas) {
      std::u32string k = K(n);
      nisba_keys.insert(k);
      nisba_keys.insert(k + kHeh);
    }
  }
  std::vector<std::pair<std::u32string, Payload>> joined;  // multi-word forms without their spaces
  std::unordered_set<std::u32string> one_word;             // every one-word form's key
  for (const auto& e : entities) {
    for (const auto& f : e.forms) one_word.insert(K(f));
  }
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    const auto& e = entities[i];
    index.emplace(e.id, i);
    for (const auto& f : e.forms) {
      if (nisba_keys.count(K(f))) continue;
      Payload p;
      p.kind = Payload::Kind::kName;
      p.entity = i;
      names.Add(f, p);
      // A multi-word name printed without its spaces by careless editing (الأممالمتحدة) is the name.
      if (std::u32string key = K(f); key.find(U' ') != std::u32string::npos) {
        std::erase(key, U' ');
        joined.emplace_back(std::move(key), p);
      }
      if (e.type == EntityType::kPerson) {
        auto key = K(f);
        auto sp = key.find(U' ');
        if (sp != std::u32string::npos) {
          first_name_keys.insert(key.substr(0, sp));
          surname_owners[key.substr(key.rfind(U' ') + 1)].insert(i);
        }
      }
    }
    for (const auto& n : e.nisbas) {
      std::u32string k = K(n);
      Payload p;
      p.kind = Payload::Kind::kNisba;
      p.entity = i;
      names.Add(EncodeUtf8(k), p);
      Payload f = p;
      f.feminine = true;
      names.Add(EncodeUtf8(k + kHeh), f);  // ـية
      Payload pl = p;
      pl.plural = true;
      names.Add(EncodeUtf8(k + keys.un), pl);  // ـيون
      names.Add(EncodeUtf8(k + keys.in), pl);  // ـيين
      names.Add(EncodeUtf8(k + keys.at), pl);  // ـيات
      names.Add(EncodeUtf8(k + kAlef), p);     // accusative ـيا (متحدثا أرمينيا)
    }
    for (const auto& d : e.demonyms) {
      Payload p;
      p.kind = Payload::Kind::kDemonym;
      p.entity = i;
      p.plural = true;
      names.Add(d, p);
    }
    if (e.type == EntityType::kPolity && !e.in.empty()) polity_of_place.emplace(e.in, i);
    if (e.type == EntityType::kGroup && !e.ethnonym_of.empty()) group_of_state.emplace(e.ethnonym_of, i);
    if (!e.of.empty()) {
      owned.emplace(e.of + "|" + std::string(vocab::Name(e.type)) + "|" + e.subtype, i);
    }
  }
  for (const auto& [key, p] : joined) {
    if (key.size() >= 6 && !one_word.count(key) && !nisba_keys.count(key)) names.Add(EncodeUtf8(key), p);
  }
  // A lexicon person's surname alone names them when no other lexicon person shares it and it is long
  // enough not to be a common word (بيسكوف, باشينيان).
  std::unordered_set<std::u32string> common_surnames;
  for (const auto& word : lists[kCommonSurname]) common_surnames.insert(K(word.text));
  for (const auto& [surname, owners] : surname_owners) {
    // A surname that is a nisba (محمد شياع السوداني) never stands alone for the person.
    auto plain = [](const std::u32string& k) {
      return k.size() > 2 && k[0] == kAlef && k[1] == kLam ? k.substr(2) : k;
    };
    // Nor one that is a first name too (حسن شيخ محمود، محمود عباس), nor a common word (الضيف the guest).
    if (owners.size() != 1 || surname.size() < 5 || nisba_keys.count(plain(surname)) ||
        first_name_keys.count(surname) || common_surnames.count(surname)) {
      continue;
    }
    Payload p;
    p.kind = Payload::Kind::kName;
    p.entity = *owners.begin();
    names.Add(EncodeUtf8(surname), p);
  }
  for (std::uint16_t l = 0; l < kListCount; ++l) {
    for (std::uint32_t w = 0; w < lists[l].size(); ++w) {
      Payload p;
      p.kind = Payload::Kind::kWord;
      p.list = l;
      p.word = w;
      const auto& word = lists[l][w];
      if (l == kTrigger) {
        AddInflections(keys, &triggers, word, p);
        continue;
      }
      if (l == kMasculineHead) {
        masculine_heads.insert(K(word.text));
        continue;
      }
      words.Add(word.text, p);
      if (l == kStopword || l == kReportingVerb || l == kNotAsserted || l == kLocative || l == kWeekday ||
          l == kMonth || l == kGovHead || l == kPopulationHead || l == kEthnicHead || l == kModifier ||
          l == kAccordingTo || l == kMediaClassifier || l == kClassifier || l == kQualifier) {
        std::u32string key = K(word.text);
        if (key.find(U' ') == std::u32string::npos) function_keys.insert(key);
      }
      if (l == kPossessedForce) force_stems.insert(K(word.text));
      if (l == kTitle || l == kInstitution || l == kForceHead) {
        std::u32string key = K(word.text);
        function_keys.insert(key.substr(0, key.find(U' ')));
        if (l == kForceHead && key.find(U' ') == std::u32string::npos &&
            !(key.size() > 2 && key[0] == kAlef && key[1] == kLam)) {
          force_stems.insert(key);
        }
      }
    }
  }
  merged.Absorb(std::move(names), internal::kNames);
  merged.Absorb(std::move(words), internal::kWords);
  merged.Absorb(std::move(triggers), internal::kTriggers);
}

Extractor::Extractor(Key, std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

std::string RecognisedBy(const Mention& m) {
  if (m.pass.empty() || m.pass == m.rule) return m.rule;
  return m.pass + "/" + m.rule;
}

std::vector<PassInfo> ListPasses() {
  std::vector<PassInfo> out;
  for (const MentionPass& p : MentionPasses()) out.push_back({"mentions", p.name, p.what, false});
  for (const events::EventPass& p : events::EventPasses()) out.push_back({"events", p.name, p.what, p.required});
  for (const events::TriggerStep& p : events::TriggerSteps()) out.push_back({"trigger", p.name, p.what, false});
  return out;
}

namespace {

// Whether each entry of `table` is named in `names`.
template <typename Table>
std::vector<bool> SwitchedOff(Table table, const std::vector<std::string>& names) {
  std::vector<bool> off(table.size(), false);
  for (std::size_t i = 0; i < table.size(); ++i) {
    off[i] = std::find(names.begin(), names.end(), table[i].name) != names.end();
  }
  return off;
}

}  // namespace

Status Extractor::Create(const ontology::Lexicon& lexicon, std::unique_ptr<Extractor>* out) {
  return Create(lexicon, ExtractorOptions{}, out);
}

Status Extractor::Create(const ontology::Lexicon& lexicon, const ExtractorOptions& options,
                         std::unique_ptr<Extractor>* out) {
  std::string valid;
  for (const PassInfo& p : ListPasses()) {
    if (p.required) continue;
    valid += valid.empty() ? "" : ", ";
    valid += p.name;
  }
  for (const std::string& name : options.disabled_passes) {
    bool known = false;
    for (const PassInfo& p : ListPasses()) {
      if (p.name != name) continue;
      known = true;
      if (p.required) {
        return Status::InvalidArgument("pass '" + name + "' is required (the passes after it index what it " +
                                       "builds) and cannot be switched off; passes that can: " + valid);
      }
    }
    if (!known) return Status::InvalidArgument("no pass named '" + name + "'; the passes are: " + valid);
  }
  auto impl = std::make_unique<Impl>();
  impl->mention_pass_off = SwitchedOff(MentionPasses(), options.disabled_passes);
  impl->event_pass_off = SwitchedOff(events::EventPasses(), options.disabled_passes);
  impl->trigger_step_off = SwitchedOff(events::TriggerSteps(), options.disabled_passes);
  impl->entities = lexicon.entities();
  for (std::size_t l = 0; l < kListCount; ++l) {
    impl->lists[l] = lexicon.WordList(kListNames[l]);
    if (impl->lists[l].empty()) {
      return Status::InvalidArgument("lexicon has no word list '" + std::string(kListNames[l]) +
                                     "' (ontology/lexicon/grammar.xml or triggers.xml missing?)");
    }
  }
  if (Status s = LoadKeys(lexicon, &impl->keys); !s.ok()) return s;
  impl->Build();
  *out = std::make_unique<Extractor>(Key{}, std::move(impl));
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------------

ArticleResult Extractor::Extract(Document document) const {
  ArticleResult result;
  const Impl& x = *impl_;
  std::vector<Token> token_list = Tokenize(document.text);
  Tokens tokens(token_list, x.merged);
  std::vector<NisbaHit> nisbas;
  std::vector<Candidate> cands = x.FindMentions(document, tokens, &nisbas);
  std::vector<std::size_t> accepted = ResolveOverlaps(cands, document.text.size());
  std::vector<std::size_t> mention_at(tokens.size(), SIZE_MAX);  // token -> mention index
  for (std::size_t ci : accepted) {
    Candidate& c = cands[ci];
    std::size_t idx = result.mentions.size();
    for (std::size_t j = c.first; j < c.last && j < tokens.size(); ++j) mention_at[j] = idx;
    if (!c.role_text.empty()) result.roles.push_back({idx, c.role_text, c.role_of});
    result.mentions.push_back(std::move(c.m));
  }
  x.FindEvents(document, tokens, result.mentions, mention_at, nisbas, &result.events);
  result.document = std::move(document);
  return result;
}

}  // namespace khabar::extract
