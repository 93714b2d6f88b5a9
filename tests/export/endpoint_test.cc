// The endpoint client's pure parts: which URLs are accepted (this machine only) and how SPARQL JSON
// results are read (nlohmann/json underneath). The HTTP side is tested against real servers in
// tests/e2e/endpoint.sh (a scripted one) and tests/e2e/virtuoso.sh (Virtuoso).
#include "khabar/export/endpoint.h"

#include <gtest/gtest.h>

#include <string>

namespace khabar::exporter {
namespace {

TEST(EndpointUrlTest, AcceptsOnlyThisMachine) {
  EndpointUrl u;
  ASSERT_TRUE(ParseEndpointUrl("http://127.0.0.1:8890/sparql", &u).ok());
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 8890);
  EXPECT_EQ(u.path, "/sparql");
  ASSERT_TRUE(ParseEndpointUrl("http://LOCALHOST:1/x", &u).ok());
  EXPECT_EQ(u.host, "127.0.0.1");  // never looked up
  ASSERT_TRUE(ParseEndpointUrl("http://[::1]:8890/sparql", &u).ok());
  EXPECT_EQ(u.host, "::1");
  ASSERT_TRUE(ParseEndpointUrl("http://127.1.2.3", &u).ok());
  EXPECT_EQ(u.port, 80);
  EXPECT_EQ(u.path, "/");
  for (const char* bad :
       {"http://example.org/sparql", "https://127.0.0.1/sparql", "ftp://127.0.0.1/", "http://10.0.0.1/sparql",
        "http://user@127.0.0.1/sparql", "http://127.0.0.1:0/", "http://127.0.0.1:65536/", "http://[2001:db8::1]/",
        "http://127.0.0.1.example.org/", "http://127.0.0.1/a b", "http://127.0.0.1/a#frag", "http://[::1/"}) {
    Status s = ParseEndpointUrl(bad, &u);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_NE(s.message().find(bad), std::string::npos) << "the message names the URL: " << s.message();
  }
}

TEST(SparqlJsonTest, ReadsEveryTermType) {
  QueryResult r;
  ASSERT_TRUE(ParseSparqlJsonResults(R"({"head":{"vars":["s","l","n","b","u"]},"results":{"bindings":[
      {"s":{"type":"uri","value":"https://w3id.org/khabar/entity/x"},
       "l":{"type":"literal","xml:lang":"ar","value":"\u0623 \"q\"\n"},
       "n":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"4"},
       "b":{"type":"bnode","value":"b0"}}]}})",
                                     &r)
                  .ok());
  ASSERT_EQ(r.columns.size(), 5u);
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& row = r.rows[0];
  EXPECT_EQ(row[0]->ntriples, "<https://w3id.org/khabar/entity/x>");
  EXPECT_EQ(row[1]->ntriples, "\"\xD8\xA3 \\\"q\\\"\\n\"@ar");
  EXPECT_EQ(row[1]->display, "\xD8\xA3 \"q\"\n");
  EXPECT_EQ(row[2]->ntriples, "\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  EXPECT_EQ(row[3]->ntriples, "_:b0");
  EXPECT_FALSE(row[4].has_value());  // unbound
}

TEST(SparqlJsonTest, ReadsAsk) {
  QueryResult r;
  ASSERT_TRUE(ParseSparqlJsonResults(R"({"head":{},"boolean":false})", &r).ok());
  ASSERT_TRUE(r.boolean.has_value());
  EXPECT_FALSE(*r.boolean);
}

TEST(SparqlJsonTest, RefusesWhatIsNotResults) {
  QueryResult r;
  for (const char* bad : {"", "{", "[]", R"({"head":[]})", R"({"boolean":"yes"})", R"({"head":{"vars":[1]},
      "results":{"bindings":[]}})",
                          R"({"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"pony",
      "value":"x"}}]}})",
                          R"({"head":{"vars":["s"]},"results":{"bindings":[{"s":{"value":"x"}}]}})",
                          "{\"head\":{\"vars\":[\"s\"]},\"results\":{\"bindings\":[\"\\ud800\"]}}"}) {
    Status s = ParseSparqlJsonResults(bad, &r);
    EXPECT_EQ(s.code(), Status::Code::kParseError) << bad;
  }
  // Deep nesting is an error or a value, never a crash.
  std::string deep(100000, '[');
  EXPECT_FALSE(ParseSparqlJsonResults(deep, &r).ok());
}

}  // namespace
}  // namespace khabar::exporter
