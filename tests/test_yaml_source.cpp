// Guarded YAML reading (experiment/yaml_source.hpp).
#include <doctest/doctest.h>

#include "experiment/yaml_source.hpp"
#include "world/error.hpp"

using namespace fundsim;

namespace {
std::string yaml_error(const std::string& text) {
    try {
        parse_yaml_text(text, "f.yaml");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("YamlSource.builds_tree_with_one_based_positions") {
    const ConfigNode root = parse_yaml_text("a: 1\nb:\n  c: \"2\"\n  d: [x, ~]\ne:\n", "f.yaml");
    REQUIRE(root.kind == ConfigNode::Kind::map);
    REQUIRE(root.entries.size() == 3);
    CHECK(root.entries[0].key_pos.text() == "f.yaml:1:1");
    CHECK(root.find("a")->pos.text() == "f.yaml:1:4");
    const ConfigNode* c = root.at_path("b.c");
    REQUIRE(c != nullptr);
    CHECK(c->scalar == "2");
    CHECK_FALSE(c->is_plain);
    CHECK(c->pos.line == 3);
    CHECK(c->pos.column == 6);
    CHECK(root.at_path("b.d")->items[1].kind == ConfigNode::Kind::null);
    CHECK(root.find("e")->kind == ConfigNode::Kind::null);
    CHECK(root.find("e")->pos.line == 5);
    const ConfigNode flag = parse_yaml_text("{a: 1}", "--set a=1", false);
    CHECK(flag.find("a")->pos.text() == "--set a=1");
}

TEST_CASE("YamlSource.rejects_duplicates_anchors_aliases_and_depth") {
    CHECK(yaml_error("a: 1\nb:\n  c: 1\n  c: 2\n") ==
          "f.yaml:4:3: b.c: duplicate key (first written at 3:3); expected each key once per map");
    CHECK(yaml_error("a: &x 1\n").find("f.yaml:1:4: a: anchors") == 0);
    CHECK(yaml_error("a: 1\nb: *x\n").find("f.yaml:2:4: b: ") == 0);  // yaml-cpp stops at the undefined anchor
    CHECK(yaml_error("a: !!str 1\n").find("f.yaml:1:4: a: a YAML tag") == 0);
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "{a: ";
    CHECK(yaml_error(deep + std::string(100, '}')).find("nesting deeper than 64") != std::string::npos);
    CHECK(yaml_error("a: [1\nb: 2").find("YAML syntax error") != std::string::npos);
    CHECK(yaml_error("a: 1\n---\nb: 2\n").find("f.yaml:2:1: (top level): a second YAML document") == 0);
    CHECK(yaml_error("? [a]\n: 1\n").find("expected a plain text key") != std::string::npos);
}

TEST_CASE("YamlSource.round_trips_to_yaml_and_json") {
    const ConfigNode root = parse_yaml_text("a: 1\nb: [x, \"2\", true, 0.5]\nc: {d: ~}\n", "f.yaml");
    const ConfigNode again = parse_yaml_text(to_yaml_text(root), "g.yaml");
    CHECK(again.at_path("b")->items[1].scalar == "2");
    CHECK_FALSE(again.at_path("b")->items[1].is_plain);
    CHECK(to_json_text(root, -1) == R"({"a":1,"b":["x","2",true,0.5],"c":{"d":null}})");
}
