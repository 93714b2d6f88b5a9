// Events: one per trigger, with its agents, patients, place, time and source.
#include "events/context.h"

namespace khabar::extract::events {

void BuildEvents(const Extractor::Impl& x, EventContext& ctx) {
  const Document& doc = ctx.doc;
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  const std::u32string& text = ctx.text;
  const std::vector<Mention>& mentions = ctx.mentions;
  const std::vector<std::size_t>& mention_at = ctx.mention_at;
  const std::vector<std::size_t>& sent = ctx.sent;
  const std::vector<std::size_t>& sent_first = ctx.sent_first;
  const std::vector<NisbaHit>& nisbas = ctx.nisbas;
  const std::vector<Trig>& trigs = ctx.trigs;
  std::vector<Report>& reports = ctx.reports;
  const std::vector<Timex>& timexes = ctx.timexes;
  const auto& openers = ctx.openers;
  std::vector<Event>& out = ctx.out;
  std::vector<std::size_t>& trig_of_event = ctx.trig_of_event;
  std::size_t next_opener = 0;

  // Build events.
  std::string discourse_subject;  // the last verb subject or speaker, for pronoun subjects
  // The doer named by a noun's relative clause (العملية التي أطلقتها أذربيجان) and where it ends: a verb
  // coordinated right after it (وسيطرت) shares it.
  struct Doer {
    std::string entity;
    std::size_t sentence = SIZE_MAX, end = 0;
  } relative_doer;
  // The parties of the last talks named with بين/مع, and their sentence: another talks noun of that
  // sentence with no parties of its own (الاجتماع الافتتاحي) is between the same parties.
  std::vector<std::string> talk_parties;
  std::size_t talk_sentence = SIZE_MAX;
  std::size_t next_report = 0;
  for (std::size_t ti = 0; ti < trigs.size(); ++ti) {
    const Trig& tr = trigs[ti];
    Event ev;
    ev.type = tr.type;
    ev.begin = tr.begin;
    ev.end = t[tr.last - 1].end;
    ev.trigger_text = ctx.SpanText(ev.begin, ev.end);
    std::size_t s = sent[tr.first];
    bool statement = vocab::IsStatement(tr.type);
    while ((next_report < reports.size() && reports[next_report].verb_tok < tr.first) ||
           (next_opener < openers.size() && openers[next_opener].first < tr.first)) {
      if (next_opener < openers.size() && openers[next_opener].first < tr.first &&
          (next_report >= reports.size() || openers[next_opener].first < reports[next_report].verb_tok)) {
        discourse_subject = openers[next_opener++].second;
        continue;
      }
      Report& r = reports[next_report++];
      if (r.according_to) continue;
      if (r.speaker.empty()) r.speaker = discourse_subject;  // وأضاف: the same speaker goes on
      discourse_subject = r.speaker;
    }
    // Agent. A verb's subject follows it (VSO), possibly after adverbs and time expressions, or precedes
    // it directly in a headline-style clause (SVO); a title right after the verb means the titled person
    // (دعا الأمين العام للأمم المتحدة أنطونيو غوتيريش). With no subject in sight the subject is a pronoun:
    // the speaker of the quote the trigger sits in, else the last subject of the discourse. A noun's agent
    // is its genitive, a nisba on it (قصف أذربيجاني) or a "من قبل X" phrase.
    std::size_t after_agent = tr.last;
    bool relative_clause = false;   // a verb whose subject is the noun before it: not the discourse's subject
    bool doer_of_relative = false;  // the noun's agent comes from its relative clause (a mediator, a sponsor)
    auto skip_adverbs = [&](std::size_t j) {
      while (j < n && sent[j] == s) {
        bool in_timex = false;
        for (const Timex& tx : timexes) {
          if (j >= tx.first && j < tx.last) {
            in_timex = true;
            j = tx.last;
            break;
          }
        }
        if (in_timex) continue;
        if (t[j].kind == Token::Kind::kPunct && (t[j].key == U"," || t[j].key == U"\u060C")) {
          ++j;
          continue;
        }
        static const std::u32string kAdv[] = {
            U"\u0627\u064A\u0636\u0627",       U"\u0643\u0630\u0644\u0643",
            U"\u0628\u062F\u0648\u0631\u0647", U"\u0628\u062F\u0648\u0631\u0647\u0627",
            U"\u0627\u0644\u064A\u0648\u0645", U"\u0631\u0633\u0645\u064A\u0627"};
        bool adv = false;
        for (const auto& k : kAdv) adv |= t[j].key == k;  // أيضا كذلك بدوره بدورها اليوم رسميا
        if (!adv) break;
        ++j;
      }
      return j;
    };
    auto take = [&](std::size_t j) {
      ev.agents.push_back(mentions[mention_at[j]].entity);
      after_agent = j + 1;
      while (after_agent < n && mention_at[after_agent] == mention_at[j]) ++after_agent;
      // حثت الولايات المتحدة والاتحاد الأوروبي: coordinated subjects are all agents.
      for (int more = 0; more < 3 && after_agent < n && sent[after_agent] == s; ++more) {
        std::size_t k = after_agent;
        const Mention* m = ctx.ActorAt(k);
        if (!m || m->begin <= t[k].begin || text[t[k].begin] != kWaw) break;
        if (std::find(ev.agents.begin(), ev.agents.end(), m->entity) == ev.agents.end()) ev.agents.push_back(m->entity);
        while (after_agent < n && mention_at[after_agent] == mention_at[k]) ++after_agent;
      }
    };
    // The person a title starting at j introduces (within the title phrase, before any verb).
    auto titled_person = [&](std::size_t j) -> std::size_t {
      if (!x.WordAt(t, j, kTitle)) return SIZE_MAX;
      for (std::size_t k = j; k < n && k < j + 10 && sent[k] == s; ++k) {
        if (mention_at[k] != SIZE_MAX && mentions[mention_at[k]].type == EntityType::kPerson) return k;
        if (t[k].kind == Token::Kind::kPunct && t[k].key != U"," && t[k].key != U"\u060C") break;
      }
      return SIZE_MAX;
    };
    bool speaker_form = !tr.word->Attr("speaker").empty();
    if (tr.verb && !tr.word->Attr("present").empty()) {  // نحض، ندعو: first person plural, the speaker
      const std::u32string& k = t[tr.first].key;
      std::u32string present = K(tr.word->Attr("present"));
      speaker_form |= k.size() > tr.clitics + present.size() && k[tr.clitics] == kNoon &&
                      k.compare(tr.clitics + 1, present.size(), present) == 0;
    }
    // Verb gender (ـت past, تـ present: feminine) must agree with its subject: states are feminine
    // unless their name carries the article; people are masculine. A disagreeing actor is the object.
    auto verb_feminine = [&]() -> std::optional<bool> {
      std::u32string k = t[tr.first].key.substr(tr.clitics);
      if (k.empty()) return std::nullopt;
      if (k[0] == kYeh) return false;
      // A stem that itself starts with ت (تعهد، تظاهر، توسط): only تت (present) or a final ت (past) is feminine.
      std::u32string stem = K(tr.word->text);
      if (!stem.empty() && stem[0] == kTeh && k.compare(0, stem.size(), stem) == 0) return k.back() == kTeh;
      if (k[0] == kTeh) return true;
      if (k.back() == kTeh) return true;
      if (EndsWith(k, U"\u0648\u0627")) return std::nullopt;  // plural
      if (k.back() == kAlef) {  // a dual (قالا), or a verb whose root ends in alef (دعا) as listed
        if (tr.word->Attr("pos") == "form" && k == K(tr.word->text)) return false;
        return std::nullopt;
      }
      return false;
    };
    auto agrees = [&](const Mention& m) {
      auto fem = verb_feminine();
      if (!fem) return true;
      std::u32string mk = MatchKeyUtf8(m.text);
      bool has_article = mk.size() > 2 && mk[0] == kAlef && mk[1] == kLam;
      if (m.type == EntityType::kState && !m.nominal && !has_article) return *fem;
      if (m.type == EntityType::kPerson) return !*fem || EndsWith(mk, U"\u0627") || EndsWith(mk, U"\u0647");
      if (m.type == EntityType::kOrganization && !m.nominal) {
        // An organisation takes the gender of its head noun: مجلس الأمن (m), المنظمة/الوكالة/الأمم (f).
        std::u32string_view head = std::u32string_view(mk).substr(0, mk.find(U' '));
        if (head.size() > 2 && head[0] == kAlef && head[1] == kLam) head.remove_prefix(2);
        if (head == U"\u0627\u0645\u0645" || EndsWith(head, U"\u0647") || EndsWith(head, U"\u0627\u062A"))
          return *fem;  // أمم
        if (x.masculine_heads.count(std::u32string(head))) return !*fem;
      }
      return true;
    };
    // The subject may also come after a preposition with a pronoun (استولت عليه أذربيجان).
    auto skip_pronoun_pp = [&](std::size_t j) {
      static const std::u32string kPP[] = {U"\u0639\u0644\u064A\u0647",
                                           U"\u0639\u0644\u064A\u0647\u0627",
                                           U"\u0641\u064A\u0647",
                                           U"\u0641\u064A\u0647\u0627",
                                           U"\u0628\u0647",
                                           U"\u0628\u0647\u0627",
                                           U"\u062E\u0644\u0627\u0644\u0647\u0627",
                                           U"\u0636\u062F\u0647"};
      for (const auto& k : kPP) {
        if (j < n && t[j].key == k) return j + 1;
      }
      return j;
    };
    auto clause_start = [&](std::size_t j) {  // j begins a clause: start, punctuation, لكن، إن، أن
      if (j == 0 || !t[j - 1].is_word()) return true;
      const std::u32string& k = t[j - 1].key;
      return k == U"\u0644\u0643\u0646" || k == U"\u0627\u0646" || k == U"\u0648\u0644\u0643\u0646";
    };
    // A bare title as the subject right before a verb (إن "الأمين العام يدعو"): the person the article
    // introduced earlier with that title and a name (الأمين العام للأمم المتحدة أنطونيو غوتيريش).
    auto earlier_titled = [&](std::size_t verb) -> std::string {
      auto bare = x.WordEndingAt(t, verb, kTitle);
      if (!bare || !clause_start(bare->first) || mention_at[verb - 1] != SIZE_MAX) return "";
      for (std::size_t k = bare->first; k-- > 0;) {
        auto title = x.WordAt(t, k, kTitle);
        // The same title, or a longer one that starts with it (الأمين العام للأمم المتحدة).
        if (!title || x.WordOf(*title).text.rfind(x.WordOf(*bare).text, 0) != 0) continue;
        for (std::size_t p = title->last; p < n && p < title->last + 8 && sent[p] == sent[k]; ++p) {
          if (mention_at[p] != SIZE_MAX && mentions[mention_at[p]].type == EntityType::kPerson)
            return mentions[mention_at[p]].entity;
          if (t[p].kind == Token::Kind::kPunct && t[p].key != U"," && t[p].key != U"\u060C") break;
        }
      }
      return "";
    };
    // A coordinated verb (وسيطرت، ونفت) shares its subject; an uncoordinated one after another clause
    // (قصف استهدف) is a relative clause, whose subject is not the discourse's.
    bool coordinated_verb = tr.verb && tr.clitics > 0 && (t[tr.first].key[0] == kWaw || t[tr.first].key[0] == 0x0641);
    // A weapon at token j (after ب when `with_bi`) followed by a nisba within two words: that state is the
    // agent (طائرات روسية، بصواريخ إسرائيلية).
    auto weapon_nisba = [&](std::size_t j, bool with_bi) {
      auto in = x.WordAt(t, j, kInstrument);
      if (!in || (in->clitics > 0) != with_bi) return;
      for (std::size_t k = in->last; k < n && k < in->last + 2 && sent[k] == s && ev.agents.empty(); ++k) {
        for (const NisbaHit& nh : nisbas) {
          if (nh.tok == k && !nh.demonym) ev.agents.push_back(x.entities[nh.entity].id);
        }
      }
    };
    // Aircraft with nisbas before the trigger are its subject (وشنت طائرات أمريكية وبريطانية غارات، وكانت
    // طائرات تركية قد قصفت): every coordinated nisba is an attacker.
    auto weapon_before = [&]() {
      for (std::size_t b = tr.first; ev.agents.empty() && b-- > 0 && tr.first - b <= 5 && sent[b] == s;) {
        auto in = x.WordAt(t, b, kInstrument);
        if (!in || in->clitics > 0 || in->last >= tr.first) continue;
        for (std::size_t k = in->last; k < tr.first; ++k) {
          for (const NisbaHit& nh : nisbas) {
            if (nh.tok == k && !nh.demonym) ev.agents.push_back(x.entities[nh.entity].id);
          }
          if (k == in->last || t[k].key[0] != kWaw) continue;
          for (const Hit& h : t.names.At(k, true)) {  // وبريطانية: a coordinated nisba
            if (h.payload.kind == Payload::Kind::kNisba && h.clitics == 1 && h.last == k + 1)
              ev.agents.push_back(x.entities[h.payload.entity].id);
          }
        }
      }
    };
    // واتهمت إيران بتزويد الحوثيين: after a coordinated verb of accusation, an actor followed by ب + a
    // masdar is the accused; the subject is the one the verb shares.
    auto accused_of = [&](std::size_t j) {
      std::size_t e = j;
      while (e < n && mention_at[e] == mention_at[j]) ++e;
      if (e < n && (t[e].key == U"\u0627\u0644\u0645\u0633\u0648\u0648\u0644\u064A\u0647" ||
                    t[e].key == U"\u0645\u0633\u0648\u0648\u0644\u064A\u0647"))
        return true;  // وحملت إسرائيل المسؤولية: the one held responsible
      return e < n && t[e].is_word() && t[e].key.size() > 3 && t[e].key[0] == 0x0628 && !x.IsFunction(t[e]);  // ب
    };
    if (tr.verb && !speaker_form) {
      std::size_t j = skip_pronoun_pp(skip_adverbs(tr.last));
      const Mention* before = tr.clitics == 0 && tr.first > 0 ? ctx.ActorAt(tr.first - 1) : nullptr;
      bool svo = false;
      if (before) {
        std::size_t b = tr.first - 1;
        while (b > 0 && mention_at[b - 1] == mention_at[tr.first - 1]) --b;
        svo = clause_start(b);
      }
      std::string force_before = tr.clitics == 0 && tr.first > 0 && !before ? ctx.PronounForce(tr.first - 1) : "";
      std::string force_after = j < n && sent[j] == s ? ctx.PronounForce(j) : "";
      // وفد من الأمم المتحدة، وفد أمريكي: a delegation's sender is the subject.
      std::size_t sender = SIZE_MAX;
      if (j + 1 < n && sent[j] == s && (t[j].key == U"\u0648\u0641\u062F" || t[j].key == U"\u0648\u0641\u062F\u0627")) {
        std::size_t k = j + 1 + (t[j + 1].key == U"\u0645\u0646" ? 1 : 0);  // من
        if (k < n && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) sender = k;
        for (const NisbaHit& nh : nisbas) {
          if (sender == SIZE_MAX && nh.tok == j + 1 && !nh.demonym) ev.agents.push_back(x.entities[nh.entity].id);
        }
      }
      if (!ev.agents.empty()) {
        after_agent = j + 2;
      } else if (sender != SIZE_MAX) {
        take(sender);
      } else if (std::size_t p = j < n ? titled_person(j) : SIZE_MAX; p != SIZE_MAX) {
        take(p);
      } else if (svo) {
        ev.agents.push_back(before->entity);  // SVO: روسيا تتهم الغرب، لكن باشينيان انتقد روسيا
      } else if (!force_before.empty() && clause_start(tr.first - 1)) {
        ev.agents.push_back(force_before);  // أن قواتها سيطرت
      } else if (!force_after.empty()) {
        ev.agents.push_back(force_after);  // سيطرت قواتها
        after_agent = j + 1;
      } else if (j < n && sent[j] == s && ctx.ActorAt(j) && agrees(*ctx.ActorAt(j)) &&
                 !(coordinated_verb && tr.type == EventType::kAccusation && accused_of(j))) {
        take(j);
      } else if (before) {
        ev.agents.push_back(before->entity);  // عدوان من قبل أذربيجان يستهدف: a relative clause
        relative_clause = true;
      } else if (j < n && sent[j] == s) {
        weapon_nisba(j, false);  // قصفت طائرات روسية: the weapon is the subject, its nisba the attacker
      }
    } else if (!tr.verb && !speaker_form) {  // (يجب على X، نتوقع أن X: X is addressed, the speaker appeals)
      // A relative clause on the noun names its doer: العملية العسكرية التي أطلقتها أذربيجان; on an
      // indefinite noun without a relative pronoun: هدنة توسطت فيها روسيا، محادثات يدعمها الاتحاد.
      // The clause must refer back to the noun with a pronoun (أطلقتها، توسطت فيها): without one the noun
      // is the verb's subject and the actor after it the object (الهجوم الذي استهدف أرمينيا).
      auto resumptive = [&](std::size_t v) {
        std::u32string_view w(text.data() + t[v].begin, t[v].end - t[v].begin);
        bool suffix =
            w.size() > 3 && (EndsWith(w, U"\u0647\u0627") || EndsWith(w, U"\u0647\u0645") || w.back() == kHeh);
        return suffix || skip_pronoun_pp(v + 1) > v + 1;
      };
      for (std::size_t j = tr.last; j + 2 < n && j < tr.last + 3 && sent[j] == s && ev.agents.empty(); ++j) {
        if (IsRelativePronoun(t[j].key) && resumptive(j + 1)) {
          std::size_t k = skip_pronoun_pp(j + 2);
          if (k < n && ctx.ActorAt(k)) {
            take(k);
            relative_doer = {ev.agents.back(), s, after_agent};
            doer_of_relative = true;
          }
        }
      }
      if (ev.agents.empty() && tr.last + 1 < n && sent[tr.last + 1] == s && x.IndefiniteNoun(t, tr.last - 1) &&
          x.VerbLike(doc.text, t, tr.last) && resumptive(tr.last)) {
        std::size_t k = skip_pronoun_pp(tr.last + 1);
        if (k < n && sent[k] == s && ctx.ActorAt(k) && mentions[mention_at[k]].begin == t[k].begin) {
          take(k);
          doer_of_relative = true;
        }
      }
      // Otherwise its genitive, right after it (قصف أذربيجان) or after one adjective agreeing with it in
      // definiteness (القصف المدفعي الأذربيجاني), never across a preposition or a complement (ضد X، لإخضاع X).
      for (std::size_t j = tr.last; j < n && j < tr.last + 2 && sent[j] == s && ev.agents.empty(); ++j) {
        if (ctx.IsClauseBreak(j)) break;
        if (ctx.ActorAt(j)) {
          if (mentions[mention_at[j]].begin == t[j].begin) take(j);
          break;
        }
        if (j > tr.last) break;
        auto definite = [](std::u32string_view k) {
          if (k.size() > 3 && (k[0] == kWaw || k[0] == 0x0641 || k[0] == 0x0628 || k[0] == 0x0643)) k.remove_prefix(1);
          return k.size() > 2 && (k[0] == kAlef || k[0] == kLam) && k[1] == kLam;  // ال، لل
        };
        const std::u32string& adj = t[j].key;
        if (!t[j].is_word() || x.IsFunction(t[j]) || x.IsTriggerWord(t, j) ||
            definite(adj) != definite(t[tr.last - 1].key) ||
            (!definite(adj) && (adj[0] == kLam || adj[0] == 0x0628 || adj[0] == kWaw))) {
          break;
        }
        bool nisba_here = false;
        for (const NisbaHit& nh : nisbas) {
          if (nh.tok == j && !nh.demonym && j == tr.last) {
            ev.agents.push_back(x.entities[nh.entity].id);
            nisba_here = true;
          }
        }
        if (nisba_here) break;
      }
      // An instrument with a nisba names the attacker: هجوم بطائرات مسيرة روسية، قصف بصواريخ إسرائيلية;
      // also as the subject before the noun: وشنت طائرات أمريكية وبريطانية غارات (every coordinated nisba).
      if (ev.agents.empty() && (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation)) {
        weapon_nisba(tr.last, true);
        weapon_before();
      }
      // العدوان المستمر من أذربيجان، تعرض لقصف منهجي من القوات المسلحة: an attack "from" an actor.
      if (ev.agents.empty() && (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation)) {
        std::size_t j = tr.last;
        for (int adjectives = 0; j < n && sent[j] == s; ++j) {  // up to two adjectives, and quote marks
          bool quote =
              t[j].kind == Token::Kind::kPunct &&
              std::u32string_view(U"\"\u201C\u201D\u00AB\u00BB").find(t[j].key[0]) != std::u32string_view::npos;
          if (quote) continue;
          if (!t[j].is_word() || mention_at[j] != SIZE_MAX || x.IsFunction(t[j]) || ++adjectives > 2) break;
        }
        if (j + 1 < n && sent[j + 1] == s && t[j].key == U"\u0645\u0646" && ctx.ActorAt(j + 1) &&
            mentions[mention_at[j + 1]].begin == t[j + 1].begin) {
          take(j + 1);
        }
      }
      if (ev.agents.empty()) {  // من قبل X: by X
        for (std::size_t j = tr.last; j + 2 < n && j < tr.last + 10 && sent[j] == s; ++j) {
          if (t[j].key == U"\u0645\u0646" && t[j + 1].key == U"\u0642\u0628\u0644" && ctx.ActorAt(j + 2)) {
            ev.agents.push_back(ctx.ActorAt(j + 2)->entity);
            break;
          }
        }
      }
    }
    if (ev.agents.empty() && coordinated_verb && relative_doer.sentence == s && tr.first >= relative_doer.end &&
        tr.first - relative_doer.end <= 1) {
      ev.agents.push_back(relative_doer.entity);  // التي أطلقتها أذربيجان وسيطرت: the same doer
    }
    if (ev.agents.empty() && coordinated_verb) {
      // A verb coordinated inside a reported clause shares that clause's subject, not the speaker's:
      // قالت إن “الولايات المتحدة تشعر بقلق … وتدعو إلى”.
      for (std::size_t j = tr.first; j-- > 0 && tr.first - j <= 30 && sent[j] == s;) {
        if (t[j].key != U"\u0627\u0646") continue;  // إن، أن
        std::size_t k = j + 1;
        while (k < tr.first && t[k].kind == Token::Kind::kPunct &&
               std::u32string_view(U"\"\u201C\u201D\u00AB\u00BB").find(t[k].key[0]) != std::u32string_view::npos) {
          ++k;
        }
        const Mention* subject = k < tr.first ? ctx.ActorAt(k) : nullptr;
        if (subject && subject->begin == t[k].begin && agrees(*subject)) ev.agents.push_back(subject->entity);
        break;
      }
    }
    if (ev.agents.empty() && (tr.verb || statement) && tr.clitics == 0) {
      std::string named = earlier_titled(tr.first);  // إن "الأمين العام يدعو": named earlier
      if (!named.empty()) ev.agents.push_back(named);
    }
    if (ev.agents.empty() && tr.verb && tr.clitics == 0 && tr.first > 0 &&
        (t[tr.first - 1].key == U"\u0627\u0646\u0647" || t[tr.first - 1].key == U"\u0627\u0646\u0647\u0627" ||
         t[tr.first - 1].key == U"\u0627\u0646\u0647\u0645")) {
      // قال الجيش إنه استهدف: the pronoun on إن is the speaker of the report.
      for (const Report& r : reports) {
        if (sent[r.verb_tok] == s && r.verb_tok < tr.first && !r.speaker.empty() && !r.according_to) {
          ev.agents.assign(1, r.speaker);
        }
      }
    }
    // ونفت الحكومة: a bare government noun as the subject is the government the article named with it
    // (الحكومة الإثيوبية); with none named, no one (not the last speaker).
    bool bare_head_subject = false;
    if (ev.agents.empty() && tr.verb && !speaker_form) {
      std::size_t j = skip_adverbs(tr.last);
      if (j < n && sent[j] == s && mention_at[j] == SIZE_MAX && x.WordAt(t, j, kGovHead, false, false)) {
        bare_head_subject = true;
        for (std::size_t k = j; k-- > 0;) {
          if (mention_at[k] == SIZE_MAX || t[k].key != t[j].key) continue;
          const Mention& m = mentions[mention_at[k]];
          if (m.begin == t[k].begin && IsActorType(m.type)) {
            ev.agents.push_back(m.entity);
            after_agent = j + 1;
            break;
          }
        }
      }
    }
    // احتج مئات الأكراد …، مطالبين الحكومة: the protesters appeal, and the actor after the participle is
    // addressed.
    bool protest_appeal = false;
    if (ev.agents.empty() && speaker_form && tr.type == EventType::kAppeal) {
      for (const Trig& p : trigs) {
        if (p.type != EventType::kProtest || sent[p.first] != s || p.last > tr.first) continue;
        protest_appeal = true;
        for (std::size_t k = p.last; k < tr.first; ++k) {
          if (const Mention* m = ctx.ActorAt(k)) {
            ev.agents.assign(1, m->entity);
            break;
          }
        }
      }
    }
    // A verb right after a relative pronoun (وزير الخارجية الألماني، الذي تعهد) has the noun before it as
    // its subject: that actor if it is one, else no one, and never the discourse's last subject.
    bool after_relative = false;
    if (tr.verb && tr.clitics == 0 && tr.first > 0) {
      after_relative = IsRelativePronoun(t[tr.first - 1].key);
    }
    if (ev.agents.empty() && after_relative && tr.first >= 2) {
      std::size_t a = tr.first - 2;
      if (a > 0 && (t[a].key == U"\u060C" || t[a].key == U",")) --a;
      if (const Mention* m = sent[a] == s ? ctx.ActorAt(a) : nullptr) ev.agents.push_back(m->entity);
    }
    // Protesters and the displaced are the people of the clause, never the last speaker: وتظاهر مئات
    // السودانيين does not continue the minister's sentence before it.
    bool crowd_event = tr.type == EventType::kProtest || tr.type == EventType::kDisplacement;
    // A delegation or an unnamed official right after the verb is its subject (وزار وفد حكومي، ووصل
    // المبعوث الأمريكي): no one else's.
    if (tr.verb && !statement) {
      std::size_t j = skip_adverbs(tr.last);
      crowd_event |= j < n && sent[j] == s && mention_at[j] == SIZE_MAX &&
                     (t[j].key == U"\u0648\u0641\u062F" || t[j].key == U"\u0648\u0641\u062F\u0627" ||
                      x.WordAt(t, j, kTitle, false, false).has_value());
    }
    if (ev.agents.empty() && !after_relative && !protest_appeal && !bare_head_subject &&
        (statement || (coordinated_verb && !crowd_event))) {
      // A pronoun subject: the speaker of the report this trigger is part of, else the discourse subject.
      std::string speaker;
      for (const Report& r : reports) {
        if (sent[r.verb_tok] == s && r.verb_tok < tr.first) speaker = r.speaker;
      }
      if (!speaker.empty()) {
        ev.agents.push_back(speaker);
      } else if (!discourse_subject.empty() && (coordinated_verb || statement)) {
        ev.agents.push_back(discourse_subject);
      }
    }
    if (ev.agents.empty() && !statement) {
      if (tr.verb) {
        for (std::size_t j = tr.first; j-- > 0 && tr.first - j <= 8 && sent[j] == s;) {
          if (ctx.IsClauseBreak(j) || t[j].key == U"\u0627\u0646" || t[j].key == U"\u0627\u0646\u0647") break;  // إن أن
          if (const Mention* m = ctx.ActorAt(j)) {
            ev.agents.push_back(m->entity);
            relative_clause = j + 1 < tr.first;
            break;
          }
          if (std::string f = ctx.PronounForce(j); !f.empty()) {
            ev.agents.push_back(f);
            break;
          }
        }
        if (ev.agents.empty() && (tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation))
          weapon_before();
      } else {
        // The nearest actor before the noun (شنت أذربيجان عملية عسكرية), unless the noun is the object
        // of a statement (أدانت الوزارة استهداف المدنيين): the speaker did not do what they condemn.
        bool statement_object = tr.type == EventType::kCasualties || tr.type == EventType::kDisplacement;  // victims'
                                                                                                           // events
        for (const Trig& p : trigs) {
          statement_object |= vocab::IsStatement(p.type) && p.last <= tr.first && tr.first - p.last <= 3;
          // نددت السفارة الأمريكية في طرابلس بالاشتباكات: what is condemned or denied in the clause.
          if ((p.type == EventType::kCondemnation || p.type == EventType::kDenial) && p.last <= tr.first &&
              tr.first - p.last <= 8 && sent[p.first] == s) {
            bool clause = true;
            for (std::size_t k = p.last; k < tr.first; ++k) clause &= !ctx.IsClauseBreak(k);
            statement_object |= clause;
          }
        }
        std::size_t skipped = 0;  // tokens of parenthetical relative clauses passed over
        for (std::size_t j = tr.first; !statement_object && j-- > 0 && tr.first - j <= 8 + skipped && sent[j] == s;) {
          // قال X إن القصف أسفر: a noun that opens a reported clause is not the speaker's deed.
          if (t[j].key == U"\u0627\u0646" && j + 1 == tr.first) break;
          // جيش ناغورنو كاراباخ، الذي لا يشكل جزءاً من القوات المسلحة الأرمينية، يُظهر مقاومة: the actor
          // of a "، الذي … ،" aside is not the noun's agent; the one before the aside is.
          if (t[j].key == U"\u060C" || t[j].key == U",") {
            std::size_t c = j;
            while (c > 0 && j - c < 15 && sent[c - 1] == s && t[c - 1].key != U"\u060C" && t[c - 1].key != U",") --c;
            if (c > 0 && j - c < 15 && IsRelativePronoun(t[c].key)) {
              skipped += j - c + 2;
              j = c - 1;  // the comma before the aside; the loop steps past it
              continue;
            }
          }
          // عبروا الحدود إلى تشاد منذ بدء الحرب: an actor after a preposition is a goal or a place, not
          // the doer of the noun.
          // Nor is one after ب/ل (المرتبطة بتنظيم القاعدة), after من (بدعم من قوات الاتحاد الأفريقي), or a
          // counted group (اعتقلت القوات 20 فلسطينيا في حملة مداهمات): the objects of the clause.
          if (const Mention* m = ctx.ActorAt(j); m && j > 0) {
            std::size_t b = j;
            while (b > 0 && mention_at[b - 1] == mention_at[j]) --b;
            static const std::u32string kPrep[] = {
                U"\u0627\u0644\u064A",
                U"\u0641\u064A",
                U"\u0639\u0644\u064A",
                U"\u0639\u0646",
                U"\u0636\u062F",
                U"\u0646\u062D\u0648",
                U"\u0645\u0646",
                U"\u0628\u0631\u064A\u0627\u0633\u0647",  // برئاسة: حكومة الوحدة برئاسة الدبيبة
                U"\u0628\u0642\u064A\u0627\u062F\u0647"};  // بقيادة
            std::uint32_t tb = t[b].begin;
            bool clitic_pp = m->begin > tb && (text[tb] == 0x0628 || text[tb] == kLam ||
                                               (m->begin > tb + 1 && (text[tb + 1] == 0x0628 || text[tb + 1] == kLam)));
            bool counted = b > 0 && (t[b - 1].kind == Token::Kind::kNumber || x.WordEndingAt(t, b, kNumberWord));
            // لوكالة فرانس برس، بمدينة X: the classifier before the name carries the preposition.
            if (b > 0 && t[b - 1].key.size() > 2 && (t[b - 1].key[0] == kLam || t[b - 1].key[0] == 0x0628)) {
              auto cl = x.WordAt(t, b - 1, kMediaClassifier);
              if (!cl) cl = x.WordAt(t, b - 1, kClassifier);
              clitic_pp |= cl && cl->clitics > 0 && cl->last == b;
            }
            // …على المقاتلين الأرمن الذين ألقوا أسلحتهم: a relative clause's antecedent is its subject.
            bool antecedent = j + 2 == tr.first && IsRelativePronoun(t[j + 1].key);
            if (b > 0 && !antecedent &&
                (clitic_pp || counted ||
                 std::find(std::begin(kPrep), std::end(kPrep), t[b - 1].key) != std::end(kPrep))) {
              j = b;
              continue;
            }
          }
          if (const Mention* m = ctx.ActorAt(j)) {
            ev.agents.push_back(m->entity);
            // وردت الولايات المتحدة وبريطانيا بشن غارات: the actors coordinated before it too.
            for (std::size_t b = j, hops = 0; hops < 3; ++hops) {
              while (b > 0 && mention_at[b - 1] == mention_at[b]) --b;
              const Mention& cur = mentions[mention_at[b]];
              if (!(cur.begin > t[b].begin && text[t[b].begin] == kWaw) || b == 0 || !ctx.ActorAt(b - 1)) break;
              ev.agents.insert(ev.agents.begin(), ctx.ActorAt(b - 1)->entity);
              b = b - 1;
            }
            break;
          }
          if (std::string f = ctx.PronounForce(j); !f.empty()) {  // جنودها نفذوا أعمالا انتقامية
            ev.agents.push_back(f);
            break;
          }
        }
      }
    }
    // A reception (استقبل X في بغداد Y): the guest is the visitor, the host the one visited.
    if (!tr.word->Attr("guest").empty() && !ev.agents.empty()) {
      for (std::size_t j = after_agent; j < n && j < after_agent + 8 && sent[j] == s; ++j) {
        if (ctx.IsClauseBreak(j)) break;
        std::size_t p = titled_person(j);
        const Mention* m = p != SIZE_MAX ? &mentions[mention_at[p]] : ctx.ActorAt(j);
        if (m && m->entity != ev.agents.front()) {
          ev.patients.assign(1, ev.agents.front());
          ev.agents.assign(1, m->entity);
          break;
        }
      }
    }
    // Talks by a verb: the party met is the object (التقى البرهان المبعوث الأمريكي توم بيرييلو).
    if (tr.type == EventType::kNegotiation && tr.verb && !ev.agents.empty()) {
      for (std::size_t j = after_agent; j < n && j < after_agent + 6 && sent[j] == s; ++j) {
        if (ctx.IsClauseBreak(j)) break;
        std::size_t p = titled_person(j);
        const Mention* m = p != SIZE_MAX ? &mentions[mention_at[p]] : ctx.ActorAt(j);
        if (m && m->entity != ev.agents.front()) {
          ev.agents.push_back(m->entity);
          break;
        }
      }
    }
    // Parties: حرب بين X و Y، مفاوضات مع X، هدنة بين X و Y.
    bool has_parties = false;
    if (tr.type == EventType::kMilitaryOperation || tr.type == EventType::kNegotiation ||
        tr.type == EventType::kCeasefire) {
      std::size_t from = doer_of_relative ? std::max(tr.last, after_agent) : tr.last;  // after the mediator
      for (std::size_t j = from; j + 1 < n && j < from + 6 && sent[j] == s; ++j) {
        bool bayna = t[j].key == U"\u0628\u064A\u0646";                                // بين
        bool maa = t[j].key == U"\u0645\u0639" && tr.type == EventType::kNegotiation;  // مع
        if (!bayna && !maa) continue;
        std::vector<std::string> parties;
        for (std::size_t k = j + 1; k < n && k < j + 12 && sent[k] == s && parties.size() < 3; ++k) {
          if (ctx.IsClauseBreak(k)) break;
          if (const Mention* m = ctx.ActorAt(k); m && (k == j + 1 || mention_at[k - 1] != mention_at[k])) {
            parties.push_back(m->entity);
            while (k + 1 < n && mention_at[k + 1] == mention_at[k]) ++k;
            if (k + 1 >= n || !(t[k + 1].key[0] == kWaw)) break;  // و + the next party
          }
        }
        // اتصال هاتفي مع X: the other party is the clause's subject (the discourse's, for a noun).
        if (maa && !parties.empty() && ev.agents.empty() && !discourse_subject.empty() && !tr.verb &&
            discourse_subject != parties.front()) {
          ev.agents.push_back(discourse_subject);
        }
        if (bayna && parties.size() >= 2 && doer_of_relative) {  // هدنة توسطت فيها روسيا بين X و Y
          for (auto& p : parties) {
            if (std::find(ev.agents.begin(), ev.agents.end(), p) == ev.agents.end()) ev.agents.push_back(p);
          }
        } else if (bayna && parties.size() >= 2) {
          ev.agents = parties;
        } else if (bayna && parties.size() == 1 && ev.agents.empty()) {
          ev.agents = parties;  // بين وفدي الجيش وقوات الدعم السريع: the one party the lexicon knows
        }
        if (maa) {
          for (auto& p : parties) {
            if (std::find(ev.agents.begin(), ev.agents.end(), p) == ev.agents.end()) ev.agents.push_back(p);
          }
        }
        has_parties = !parties.empty() && ev.agents.size() >= 2;
        break;
      }
    }
    if (tr.type == EventType::kNegotiation && has_parties) {
      talk_parties = ev.agents;
      talk_sentence = s;
    } else if (tr.type == EventType::kNegotiation && talk_sentence == s && ev.agents.size() < 2) {
      ev.agents = talk_parties;  // المحادثات بين X و Y … بعد الاجتماع الافتتاحي: the same parties
    }
    // An echo of the statement: "…”، وهو الموقف الذي رددته وزارة الخارجية الفرنسية والأمين العام لحلف
    // الناتو" or "وهو ما أكده X": those who repeated, confirmed or endorsed it said it too.
    if (statement) {
      for (std::size_t j = tr.last; j + 3 < n && sent[j] == s; ++j) {
        if (t[j].key != U"\u0648\u0647\u0648" && t[j].key != U"\u0647\u0648") continue;  // وهو، هو
        std::size_t k = j + 1;
        if (t[k].key == U"\u0627\u0644\u0645\u0648\u0642\u0641") ++k;  // الموقف
        if (k + 2 >= n || (t[k].key != U"\u0627\u0644\u0630\u064A" && t[k].key != U"\u0645\u0627")) break;  // الذي، ما
        static const std::u32string_view kEcho[] = {U"\u0631\u062F\u062F", U"\u0643\u0631\u0631", U"\u0627\u064A\u062F",
                                                    U"\u0627\u0643\u062F",
                                                    U"\u062A\u0628\u0646"};  // ردد كرر أيد أكد تبنى
        std::u32string_view verb = t[k + 1].key;
        if (std::none_of(std::begin(kEcho), std::end(kEcho),
                         [&](std::u32string_view r) { return verb.substr(0, r.size()) == r; }))
          break;
        for (std::size_t a = k + 2; a < n && sent[a] == s && !ctx.IsClauseBreak(a);) {
          std::size_t p = titled_person(a);
          std::size_t at = p != SIZE_MAX ? p : ctx.ActorAt(a) ? a : SIZE_MAX;
          if (at == SIZE_MAX) break;
          const std::string& who = mentions[mention_at[at]].entity;
          if (std::find(ev.agents.begin(), ev.agents.end(), who) == ev.agents.end()) ev.agents.push_back(who);
          std::size_t e = at;
          while (e + 1 < n && mention_at[e + 1] == mention_at[at]) ++e;
          if (e + 1 >= n || !t[e + 1].is_word() || t[e + 1].key[0] != kWaw) break;  // و + the next one
          a = e + 1;
        }
        break;
      }
    }
    // حيث التقى رئيس المجلس: where the visitor of the clause before met someone; the visitor is a party.
    bool where_clause = tr.first > 0 && t[tr.first - 1].key == U"\u062D\u064A\u062B";  // حيث
    if (where_clause && tr.type == EventType::kNegotiation && tr.verb && !discourse_subject.empty() &&
        std::find(ev.agents.begin(), ev.agents.end(), discourse_subject) == ev.agents.end()) {
      ev.agents.push_back(discourse_subject);
    }
    if (tr.verb && !ev.agents.empty() && !relative_clause && !where_clause) discourse_subject = ev.agents.front();
    // The people killed or displaced (25 فلسطينيا استشهدوا، فر آلاف الأرمن) are the victims, not the doers.
    if (tr.type == EventType::kCasualties || tr.type == EventType::kDisplacement) {
      auto group = [&](const std::string& id) {
        return std::any_of(mentions.begin(), mentions.end(),
                           [&](const Mention& m) { return m.entity == id && m.type == EntityType::kGroup; });
      };
      for (auto it = ev.agents.begin(); it != ev.agents.end();) {
        if (group(*it)) {
          ev.patients.push_back(*it);
          it = ev.agents.erase(it);
        } else {
          ++it;
        }
      }
    }
    // Patient: the next actor after the agent in the same clause (accused, condemned, addressed, hit).
    if (statement || tr.type == EventType::kAttack || tr.type == EventType::kMilitaryOperation) {
      for (std::size_t j = after_agent; j < n && j < after_agent + 6 && sent[j] == s; ++j) {
        if (ctx.IsClauseBreak(j)) break;
        if (const Mention* m = ctx.ActorAt(j)) {
          if (ev.agents.empty() || m->entity != ev.agents.front()) ev.patients.push_back(m->entity);
          break;
        }
      }
    }
    // Place: a place of the sentence (or a state after a locative: داخل أذربيجان، لأوكرانيا), nearest
    // after the trigger; for displacement the origin (من X) first; for a visit its object. Without one,
    // an anaphoric المنطقة/الإقليم/الممر in the sentence stands for the article's place of that kind.
    if (!statement) {
      std::size_t best = SIZE_MAX, best_dist = SIZE_MAX;
      for (std::size_t j = sent_first[s]; j < ctx.SentEnd(s); ++j) {
        if (mention_at[j] == SIZE_MAX) continue;
        if (j > 0 && mention_at[j - 1] == mention_at[j]) continue;  // one candidate per mention
        const Mention& m = mentions[mention_at[j]];
        // A proclitic ب or ل (بأذربيجان، لأوكرانيا) or a locative word before it; و and ف only join.
        bool clitic_locative = m.begin > t[j].begin && (text[t[j].begin] == 0x0628 || text[t[j].begin] == kLam);
        bool locative = clitic_locative || (j > 0 && x.WordEndingAt(t, j, kLocative).has_value());
        bool state_as_place = (m.type == EntityType::kState || m.type == EntityType::kPolity) &&
                              (locative || tr.type == EventType::kVisit);
        if (m.type != EntityType::kPlace && !state_as_place) continue;
        if (std::find(ev.agents.begin(), ev.agents.end(), m.entity) != ev.agents.end()) continue;
        bool crosses = false;  // a place in another clause before the trigger is a weaker candidate
        // قال في مؤتمر صحفي بجنيف إن القصف: where it was said (a locative before إن/أن), not where it happened.
        bool reported = false;
        for (std::size_t k = j; k < tr.first && !crosses; ++k) crosses = ctx.IsClauseBreak(k);
        for (std::size_t k = j; k < tr.first && !reported; ++k) reported = t[k].key == U"\u0627\u0646";  // إن أن
        if (reported && locative) continue;
        std::size_t dist = j >= tr.last ? j - tr.last : (tr.first - j) * (crosses ? 4 : 2);
        if (tr.type == EventType::kDisplacement && j > 0 && t[j - 1].key == U"\u0645\u0646" && !crosses)
          dist /= 4;  // من: origin
        if (tr.type == EventType::kDisplacement && j > 0 && t[j - 1].key == U"\u0627\u0644\u064A")
          dist = dist * 4 + 16;  // إلى: destination
        // مبعوثون من أرمينيا وأذربيجان … في بروكسل: states after من (and those coordinated with them) are
        // where people come from, not where it happened.
        auto after_min = [&](std::size_t k) {
          for (int hops = 0; hops < 4 && k > 0; ++hops) {
            if (t[k - 1].key == U"\u0645\u0646") return true;                             // من
            if (text[t[k].begin] != kWaw || mention_at[k - 1] == SIZE_MAX) return false;  // و + the previous one
            k = k - 1;
            while (k > 0 && mention_at[k - 1] == mention_at[k]) --k;
          }
          return false;
        };
        // A dateline (الخرطوم (أ ف ب) -) is where the report was filed: a place of last resort.
        std::size_t after = j;
        while (after < n && mention_at[after] == mention_at[j]) ++after;
        if ((j == 0 || t[j - 1].kind == Token::Kind::kNewline) && after < n && t[after].kind == Token::Kind::kPunct &&
            std::u32string_view(U"(-\u2013\u2014").find(t[after].key[0]) != std::u32string_view::npos) {
          dist = dist * 4 + 64;
        }
        // وفي الرياض، التقى: a place fronted at the head of the sentence sets the scene for all of it.
        if (j >= 1 && tr.first > j && tr.type != EventType::kDisplacement &&
            (t[j - 1].key == U"\u0641\u064A" || t[j - 1].key == U"\u0648\u0641\u064A") &&
            (j - 1 == sent_first[s] || !t[j - 2].is_word()) && after < n && ctx.IsClauseBreak(after)) {
          dist = 0;
        }
        bool moving = tr.type == EventType::kDisplacement || tr.type == EventType::kEvacuation;
        if (!moving && m.type == EntityType::kState && j > 0 && after_min(j)) dist = dist * 4 + 8;
        if (dist < best_dist) {
          best_dist = dist;
          best = mention_at[j];
        }
      }
      // حيث: the place named just before it (وصل إلى بورتسودان، حيث التقى).
      for (std::size_t j = tr.first - 1; where_clause && j-- > sent_first[s];) {
        if (mention_at[j] != SIZE_MAX && mentions[mention_at[j]].type == EntityType::kPlace) {
          best = mention_at[j];
          break;
        }
      }
      if (best != SIZE_MAX) {
        ev.place = mentions[best].entity;
      } else {
        for (std::size_t j = sent_first[s]; j < ctx.SentEnd(s) && ev.place.empty(); ++j) {
          if (auto an = x.WordAt(t, j, kPlaceAnaphor))
            ev.place = ctx.SalientPlace(std::string(x.WordOf(*an).Attr("subtype")), j);
        }
      }
    }
    // Time: the nearest time expression in the sentence.
    {
      const Timex* best = nullptr;
      std::size_t best_dist = SIZE_MAX;
      for (const Timex& tx : timexes) {
        if (sent[tx.first] != s) continue;
        std::size_t dist = tx.first >= tr.last ? tx.first - tr.last : tr.first - tx.last;
        if (dist > 10) continue;  // a date further away belongs to another clause
        if (dist < best_dist) {
          best_dist = dist;
          best = &tx;
        }
      }
      if (best) {
        ev.time_text = ctx.SpanText(t[best->first].begin, t[best->last - 1].end);
        ev.date = best->from;
        if (best->to && best->from && !(*best->to == *best->from)) ev.date_to = best->to;
      }
    }
    // Source: the speaker of the sentence's reporting verb before the trigger.
    for (const Report& r : reports) {
      if (sent[r.verb_tok] == s && (r.verb_tok < tr.first || r.according_to)) ev.source = r.speaker;
    }
    if (statement && !ev.agents.empty() && ev.source == ev.agents.front()) ev.source.clear();
    // A bare definite or demonstrative re-mention of an event already reported (أدان الهجوم, هذا
    // الاتهام) is not a new event, unless it carries its own time or a participant right after it.
    if (tr.definite) {
      bool seen = false;
      for (std::size_t e = 0; e < out.size(); ++e) {
        std::size_t es = sent[trigs[trig_of_event[e]].first];
        // Reported in this or the previous sentence; an attack and an operation are one family
        // (قصف … ثم أدان الاتحاد الهجوم).
        auto family = [](EventType ty) { return ty == EventType::kAttack ? EventType::kMilitaryOperation : ty; };
        seen |= family(out[e].type) == family(tr.type) && es + 1 >= s;
      }
      bool own = tr.last < n &&
                 (mention_at[tr.last] != SIZE_MAX ||
                  std::any_of(nisbas.begin(), nisbas.end(), [&](const NisbaHit& h) { return h.tok == tr.last; }));
      bool own_time = false;
      for (const Timex& tx : timexes) own_time |= tx.first >= tr.last && tx.first <= tr.last + 2;
      if ((seen || tr.demonstrative) && !own && !own_time) continue;
    }
    // One occurrence, several words (هزم … في هجوم خاطف، استعاد سيطرته): a noun of the same type in
    // the clause of a verb trigger is that verb's event; a present-tense verb right after an event noun
    // describes it (عملية عسكرية تستهدف).
    if (!out.empty()) {
      const Trig& prev = trigs[trig_of_event.back()];
      bool same_clause = sent[prev.first] == s;
      // ردا على، انتقاما ل، عقب، إثر، بعد: what follows is another occurrence, the cause or the one before.
      static const std::u32string kOther[] = {U"\u0631\u062F\u0627", U"\u0627\u0646\u062A\u0642\u0627\u0645\u0627",
                                              U"\u0639\u0642\u0628", U"\u0627\u062B\u0631", U"\u0628\u0639\u062F"};
      for (std::size_t k = prev.last; k < tr.first && same_clause; ++k) {
        same_clause =
            !ctx.IsClauseBreak(k) && std::find(std::begin(kOther), std::end(kOther), t[k].key) == std::end(kOther);
      }
      bool kin = prev.type == tr.type || (tr.type == EventType::kAttack && prev.type == EventType::kMilitaryOperation);
      if (same_clause && kin && prev.verb && !tr.verb && tr.first - prev.last <= 8) continue;
      bool uncoordinated_verb = tr.verb && tr.clitics == 0;
      if (same_clause && kin && !prev.verb && uncoordinated_verb && tr.first - prev.last <= 2) continue;
    }
    // A definite casualty noun (الجرحى، القتلى) is an event when a quantity goes with it (عشرات القتلى).
    if (tr.type == EventType::kCasualties && !tr.verb && tr.definite && !tr.demonstrative) {
      bool quantity = false;
      for (std::size_t k = tr.first >= 2 ? tr.first - 2 : 0; k < tr.first; ++k) {
        quantity |= t[k].kind == Token::Kind::kNumber || x.WordAt(t, k, kNumberWord, false, true).has_value();
      }
      if (!quantity) continue;
    }
    out.push_back(std::move(ev));
    trig_of_event.push_back(ti);
  }
}

}  // namespace khabar::extract::events
