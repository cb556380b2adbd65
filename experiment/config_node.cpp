#include "experiment/config_node.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "experiment/scalar_text.hpp"

namespace fundsim {

std::string SourcePos::text() const {
    const std::string where = origin ? *origin : std::string("<input>");
    if (line <= 0) return where;
    return where + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ConfigError config_error(const SourcePos& where, std::string_view key_path, std::string_view what) {
    std::string message = where.text() + ": " + std::string(key_path.empty() ? "(top level)" : key_path) +
                          ": " + std::string(what);
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';
    return ConfigError(message);
}

const ConfigNode* ConfigNode::find(std::string_view key) const {
    const ConfigEntry* e = entry(key);
    return e ? &e->value : nullptr;
}

ConfigNode* ConfigNode::find(std::string_view key) {
    return const_cast<ConfigNode*>(static_cast<const ConfigNode*>(this)->find(key));
}

const ConfigEntry* ConfigNode::entry(std::string_view key) const {
    if (kind != Kind::map) return nullptr;
    for (const ConfigEntry& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

const ConfigNode* ConfigNode::at_path(std::string_view dotted) const {
    const ConfigNode* node = this;
    while (node && !dotted.empty()) {
        const std::size_t dot = dotted.find('.');
        node = node->find(dotted.substr(0, dot));
        dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    }
    return node;
}

ConfigNode& ConfigNode::set(const std::string& key, const SourcePos& key_pos, ConfigNode value) {
    for (ConfigEntry& e : entries) {
        if (e.key == key) {
            e.value = std::move(value);
            return e.value;
        }
    }
    entries.push_back(ConfigEntry{key, key_pos, std::move(value)});
    return entries.back().value;
}

std::string ConfigNode::describe() const {
    switch (kind) {
        case Kind::null: return "nothing";
        case Kind::list: return "a list";
        case Kind::map: return "a map";
        case Kind::scalar: break;
    }
    std::string shown = scalar.size() > 40 ? scalar.substr(0, 40) + "..." : scalar;
    for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return "'" + shown + "'";
}

ConfigNode make_map(const SourcePos& pos) {
    ConfigNode node;
    node.kind = ConfigNode::Kind::map;
    node.pos = pos;
    return node;
}

ConfigNode make_scalar(const std::string& text, const SourcePos& pos, bool is_plain) {
    ConfigNode node;
    node.kind = ConfigNode::Kind::scalar;
    node.scalar = text;
    node.pos = pos;
    node.is_plain = is_plain;
    return node;
}

namespace {

void emit(YAML::Emitter& out, const ConfigNode& node) {
    switch (node.kind) {
        case ConfigNode::Kind::null: out << YAML::Null; break;
        case ConfigNode::Kind::scalar:
            if (!node.is_plain) out << YAML::DoubleQuoted;
            out << node.scalar;
            break;
        case ConfigNode::Kind::list:
            out << YAML::BeginSeq;
            for (const ConfigNode& item : node.items) emit(out, item);
            out << YAML::EndSeq;
            break;
        case ConfigNode::Kind::map:
            out << YAML::BeginMap;
            for (const ConfigEntry& e : node.entries) {
                out << YAML::Key << e.key << YAML::Value;
                emit(out, e.value);
            }
            out << YAML::EndMap;
            break;
    }
}

nlohmann::ordered_json to_json(const ConfigNode& node) {
    switch (node.kind) {
        case ConfigNode::Kind::null: return nullptr;
        case ConfigNode::Kind::scalar: {
            if (!node.is_plain) return node.scalar;
            if (const auto i = parse_integer(node.scalar); i.value) return *i.value;
            if (const auto d = parse_number(node.scalar); d.value) return *d.value;
            if (const auto b = parse_bool(node.scalar); b.value) return *b.value;
            return node.scalar;
        }
        case ConfigNode::Kind::list: {
            nlohmann::ordered_json array = nlohmann::ordered_json::array();
            for (const ConfigNode& item : node.items) array.push_back(to_json(item));
            return array;
        }
        case ConfigNode::Kind::map: {
            nlohmann::ordered_json object = nlohmann::ordered_json::object();
            for (const ConfigEntry& e : node.entries) object[e.key] = to_json(e.value);
            return object;
        }
    }
    return nullptr;
}

}  // namespace

std::string to_yaml_text(const ConfigNode& node) {
    YAML::Emitter out;
    emit(out, node);
    return std::string(out.c_str()) + "\n";
}

std::string to_json_text(const ConfigNode& node, int indent) {
    return to_json(node).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace fundsim
