# GoogleTest unit tests, one executable per module (included by tests/CMakeLists.txt, which has already
# run find_package(GTest) and include(GoogleTest)). Each test binary is built with the project's warning
# flags (khabar_flags: -Wall -Wextra -Wpedantic -Wshadow -Wconversion, -Werror when KHABAR_WERROR) and
# finds the bundled ontology/lexicon through KHABAR_DATA_DIR, which CTest sets to the source tree. Test
# names carry the module as a prefix (ontology.VocabTest.…), so `ctest -R extract` selects one module.
#
#   ontology_test  tests/ontology/*_test.cc  vocabulary round trips, lexicon loader errors, the real lexicon
#   extract_test   tests/extract/*_test.cc   Arabic keys and tokens, readers, the extractor's rules
#   graph_test     tests/graph/*_test.cc     union-find against a model, cross-article merging, triples
include(GoogleTest)

set(KHABAR_UNIT_TEST_ENV "KHABAR_DATA_DIR=${PROJECT_SOURCE_DIR}")

file(GLOB KHABAR_ONTOLOGY_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/ontology/*_test.cc)
add_executable(ontology_test ${KHABAR_ONTOLOGY_TEST_SOURCES})
target_link_libraries(ontology_test PRIVATE khabar::ontology khabar_flags GTest::gmock GTest::gtest_main)
gtest_discover_tests(ontology_test TEST_PREFIX "ontology." PROPERTIES ENVIRONMENT ${KHABAR_UNIT_TEST_ENV})

file(GLOB KHABAR_EXTRACT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/extract/*_test.cc)
add_executable(extract_test ${KHABAR_EXTRACT_TEST_SOURCES})
# extract/src: matcher.h (internal, not installed) for the lexicon's clitic-reading check.
target_include_directories(extract_test PRIVATE ${PROJECT_SOURCE_DIR}/extract/src)
target_link_libraries(extract_test PRIVATE khabar::extract khabar_flags GTest::gmock GTest::gtest_main)
# The sentence cases (tests/extract/cases/*.cases) are read when the tests are listed: the test source
# depends on them, so a build after a case is added or changed relists the tests.
target_compile_definitions(extract_test PRIVATE KHABAR_CASES_DIR="${CMAKE_CURRENT_LIST_DIR}/extract/cases")
file(GLOB KHABAR_CASE_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/extract/cases/*.cases)
set_property(SOURCE ${CMAKE_CURRENT_LIST_DIR}/extract/cases_test.cc APPEND PROPERTY OBJECT_DEPENDS ${KHABAR_CASE_FILES})
gtest_discover_tests(extract_test TEST_PREFIX "extract." PROPERTIES ENVIRONMENT ${KHABAR_UNIT_TEST_ENV})

file(GLOB KHABAR_GRAPH_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/graph/*_test.cc)
add_executable(graph_test ${KHABAR_GRAPH_TEST_SOURCES})
# graph/src: merge.h (UnionFind, internal).
target_include_directories(graph_test PRIVATE ${PROJECT_SOURCE_DIR}/graph/src)
target_link_libraries(graph_test PRIVATE khabar::graph khabar_flags GTest::gmock GTest::gtest_main)
gtest_discover_tests(graph_test TEST_PREFIX "graph." PROPERTIES ENVIRONMENT ${KHABAR_UNIT_TEST_ENV})

# export_test  tests/export/*_test.cc   the SPARQL endpoint client's URL check and results reader
file(GLOB KHABAR_EXPORT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/export/*_test.cc)
add_executable(export_test ${KHABAR_EXPORT_TEST_SOURCES})
target_link_libraries(export_test PRIVATE khabar::export khabar_flags GTest::gmock GTest::gtest_main)
gtest_discover_tests(export_test TEST_PREFIX "export." PROPERTIES ENVIRONMENT ${KHABAR_UNIT_TEST_ENV})
