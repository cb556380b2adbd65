#include "experiment/yaml_source.hpp"

#include <fstream>
#include <sstream>
#include <unordered_map>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace fundsim {
namespace {

/// Builds the tree from parser events, checking as it goes.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::shared_ptr<const std::string> origin, bool keep_positions)
        : origin_(std::move(origin)), keep_positions_(keep_positions) {}

    bool has_root() const { return has_root_; }
    ConfigNode take_root() { return std::move(root_); }
    /// The key path being read, for messages about syntax errors.
    std::string current_path() const { return stack_.empty() ? last_path_ : child_path(stack_.back()); }
    SourcePos pos(const YAML::Mark& mark) const {
        SourcePos p{origin_, 0, 0};
        if (keep_positions_ && mark.line >= 0) {
            p.line = mark.line + 1;
            p.column = mark.column + 1;
        }
        return p;
    }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (has_root_)
            throw config_error(pos(mark), "", "a second YAML document ('---'); expected exactly one document per file");
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        ConfigNode node;
        node.pos = stack_.empty() || !stack_.back().has_key ? pos(mark) : stack_.back().key_pos;
        add(std::move(node), mark);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw config_error(pos(mark), current_path(),
                           "aliases (*name) are not supported; expected the value written out in full");
    }
    void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
        throw config_error(pos(mark), current_path(),
                           "anchors (&" + name + ") are not supported; expected plain values without & and *");
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        const bool is_plain = tag == "?" || tag.empty();
        if (is_plain && (value == "~" || value == "null" || value == "Null" || value == "NULL")) {
            ConfigNode node;
            node.pos = pos(mark);
            add(std::move(node), mark);
            return;
        }
        add(make_scalar(value, pos(mark), is_plain), mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        ConfigNode node;
        node.kind = ConfigNode::Kind::list;
        node.pos = pos(mark);
        push(std::move(node), mark);
    }
    void OnSequenceEnd() override { pop(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        push(make_map(pos(mark)), mark);
    }
    void OnMapEnd() override { pop(); }

private:
    struct Frame {
        ConfigNode* node;
        std::string path;
        bool has_key = false;  // a map frame has read a key and waits for its value
        std::string key;
        SourcePos key_pos;
        std::unordered_map<std::string, SourcePos> seen;  // keys of a map, for duplicates
    };

    static std::string child_path(const Frame& f) {
        if (f.node->kind == ConfigNode::Kind::list)
            return f.path + "[" + std::to_string(f.node->items.size()) + "]";
        if (!f.has_key) return f.path;
        return f.path.empty() ? f.key : f.path + "." + f.key;
    }

    /// Tags are not part of the experiment format ("!" marks a quoted scalar).
    void check_tag(const YAML::Mark& mark, const std::string& tag) const {
        if (!tag.empty() && tag != "?" && tag != "!")
            throw config_error(pos(mark), current_path(), "a YAML tag (" + tag + "); expected plain values without ! tags");
    }

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
        if (anchor != YAML::NullAnchor)
            throw config_error(pos(mark), current_path(),
                               "anchors (&name) are not supported; expected plain values without & and *");
    }

    /// Places `node` in the current container; returns it, or nullptr when
    /// it was consumed as a map key.
    ConfigNode* place(ConfigNode&& node, const YAML::Mark& mark) {
        if (stack_.empty()) {
            root_ = std::move(node);
            has_root_ = true;
            return &root_;
        }
        Frame& f = stack_.back();
        if (f.node->kind == ConfigNode::Kind::list) {
            f.node->items.push_back(std::move(node));
            return &f.node->items.back();
        }
        if (!f.has_key) {
            if (node.kind != ConfigNode::Kind::scalar)
                throw config_error(pos(mark), f.path, "a map key that is " + node.describe() +
                                                          "; expected a plain text key");
            const std::string key_path = f.path.empty() ? node.scalar : f.path + "." + node.scalar;
            if (const auto it = f.seen.find(node.scalar); it != f.seen.end())
                throw config_error(node.pos, key_path,
                                   "duplicate key (first written at " + std::to_string(it->second.line) + ":" +
                                       std::to_string(it->second.column) + "); expected each key once per map");
            f.seen.emplace(node.scalar, node.pos);
            f.has_key = true;
            f.key = node.scalar;
            f.key_pos = node.pos;
            return nullptr;
        }
        f.has_key = false;
        f.node->entries.push_back(ConfigEntry{f.key, f.key_pos, std::move(node)});
        return &f.node->entries.back().value;
    }

    void add(ConfigNode&& node, const YAML::Mark& mark) {
        last_path_ = current_path();
        place(std::move(node), mark);
    }

    void push(ConfigNode&& node, const YAML::Mark& mark) {
        if (static_cast<int>(stack_.size()) >= kMaxYamlDepth)
            throw config_error(pos(mark), current_path(),
                               "nesting deeper than " + std::to_string(kMaxYamlDepth) +
                                   " levels; expected an experiment file a few levels deep");
        std::string path = current_path();
        ConfigNode* placed = place(std::move(node), mark);
        if (!placed)
            throw config_error(pos(mark), path, "a map or list used as a map key; expected a plain text key");
        stack_.push_back(Frame{placed, std::move(path), false, {}, {}, {}});
    }

    void pop() {
        if (!stack_.empty()) stack_.pop_back();
    }

    std::shared_ptr<const std::string> origin_;
    bool keep_positions_;
    ConfigNode root_;
    bool has_root_ = false;
    std::vector<Frame> stack_;
    std::string last_path_;
};

ConfigNode parse_stream(std::istream& in, const std::string& origin, bool keep_positions) {
    auto shared_origin = std::make_shared<const std::string>(origin);
    TreeBuilder builder(shared_origin, keep_positions);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::DeepRecursion& e) {
        throw config_error(builder.pos(e.mark), builder.current_path(),
                           "nesting too deep for the YAML parser; expected an experiment file a few levels deep");
    } catch (const YAML::Exception& e) {
        throw config_error(builder.pos(e.mark), builder.current_path(),
                           "YAML syntax error: " + e.msg + "; expected valid YAML (check indentation, colons and quotes)");
    } catch (const std::bad_alloc&) {
        throw config_error(SourcePos{shared_origin, 0, 0}, "", "out of memory while parsing; expected a smaller file");
    }
    if (!builder.has_root()) {
        ConfigNode empty;
        empty.pos = SourcePos{shared_origin, keep_positions ? 1 : 0, keep_positions ? 1 : 0};
        return empty;
    }
    return builder.take_root();
}

}  // namespace

ConfigNode parse_yaml_text(const std::string& text, const std::string& origin, bool keep_positions) {
    std::istringstream in(text);
    return parse_stream(in, origin, keep_positions);
}

ConfigNode read_yaml_file(const std::string& path) {
    const SourcePos file_pos{std::make_shared<const std::string>(path), 0, 0};
    std::ifstream in(path, std::ios::binary);
    if (!in) throw config_error(file_pos, "", "cannot open the file; expected a readable experiment file (.yaml)");
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxYamlBytes)
            throw config_error(file_pos, "", "file larger than " + std::to_string(kMaxYamlBytes >> 20) +
                                                 " MiB; expected a small experiment file (put data in CSV files)");
    }
    if (in.bad()) throw config_error(file_pos, "", "read error; expected a readable experiment file (.yaml)");
    if (text.find('\0') != std::string::npos)
        throw config_error(file_pos, "", "the file contains NUL bytes (binary data?); expected YAML text");
    ConfigNode root = parse_yaml_text(text, path, true);
    if (root.kind == ConfigNode::Kind::null)
        throw config_error(root.pos, "", "the file is empty; expected a map with the sections experiment, governments, ...");
    if (root.kind != ConfigNode::Kind::map)
        throw config_error(root.pos, "", "the top level is " + root.describe() +
                                             "; expected a map with the sections experiment, governments, ...");
    return root;
}

}  // namespace fundsim
