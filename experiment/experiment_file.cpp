#include "experiment/experiment_file.hpp"

#include <filesystem>

#include "experiment/config_node.hpp"
#include "experiment/experiment_build.hpp"
#include "experiment/schema.hpp"
#include "experiment/schema_check.hpp"
#include "experiment/yaml_source.hpp"

namespace fundsim {
namespace {

void set_positions(ConfigNode& node, const SourcePos& pos) {
    node.pos = pos;
    for (ConfigNode& item : node.items) set_positions(item, pos);
    for (ConfigEntry& e : node.entries) {
        e.key_pos = pos;
        set_positions(e.value, pos);
    }
}

/// Replaces or inserts the value at `o.path` in `root`, before validation.
/// `pos` is where messages about the value point; `sweepable_only` limits
/// the path to keys a sweep may set.
void apply_override(ConfigNode& root, const Override& o, const SourcePos& pos, bool sweepable_only) {
    const KeySpec* spec = find_key(o.path);
    const std::size_t last_dot = o.path.rfind('.');
    const KeySpec* parent = last_dot == std::string::npos ? nullptr : find_key(o.path.substr(0, last_dot));
    const bool in_id_map = !spec && parent && (parent->type == KeyType::id_shares);
    if ((!spec && !in_id_map) || (sweepable_only && !(spec && is_sweepable(*spec)))) {
        std::vector<std::string> known;
        for (const KeySpec& k : schema_table())
            if (k.path.find("[]") == std::string_view::npos && (!sweepable_only || is_sweepable(k))) known.emplace_back(k.path);
        const std::string hint = closest_match(o.path, known);
        throw config_error(pos, o.path, std::string(spec ? "cannot be set by a sweep point" : "unknown key '" + o.path + "'") +
                                            (hint.empty() ? "; expected the dotted path of a key outside lists (see configs/README.md)"
                                                          : "; did you mean '" + hint + "'?"));
    }
    ConfigNode value = parse_yaml_text(o.value, pos.origin ? *pos.origin : std::string("--set"), false);
    set_positions(value, pos);
    ConfigNode* node = &root;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = o.path.find('.', start);
        const std::string key = o.path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos) {
            node->set(key, pos, std::move(value));
            return;
        }
        ConfigNode* child = node->find(key);
        if (!child) child = &node->set(key, pos, make_map(pos));
        if (child->kind == ConfigNode::Kind::null) *child = make_map(child->pos);
        if (child->kind != ConfigNode::Kind::map)
            throw config_error(pos, o.path.substr(0, dot), "is " + child->describe() + ", not a map; expected a map to hold '" +
                                                               o.path.substr(dot + 1) + "'");
        node = child;
        start = dot + 1;
    }
}

/// Lays `overlay` over `base`: maps merge key by key, anything else
/// replaces, and a null value (`~`, `null` or nothing) removes the key from
/// the base (`fund: {founders: {JPN: ~}}`). A merged map takes the overlay's
/// position, so a message about the whole map (shares that no longer sum to
/// 1) names the file that changed it. `path` is the key path, for messages.
void merge_into(ConfigNode& base, ConfigNode overlay, const std::string& path = "") {
    if (base.kind != ConfigNode::Kind::map || overlay.kind != ConfigNode::Kind::map) {
        base = std::move(overlay);
        return;
    }
    base.pos = overlay.pos;
    for (ConfigEntry& e : overlay.entries) {
        const std::string shown = path.empty() ? e.key : path + "." + e.key;
        ConfigNode* existing = base.find(e.key);
        if (e.value.kind == ConfigNode::Kind::null) {
            if (!existing)
                throw config_error(e.key_pos, shown, "is null, which removes a key of the included file, but the "
                                                     "included file has no '" + shown + "'; expected one of its keys");
            std::erase_if(base.entries, [&](const ConfigEntry& b) { return b.key == e.key; });
        } else if (existing && existing->kind == ConfigNode::Kind::map && e.value.kind == ConfigNode::Kind::map) {
            merge_into(*existing, std::move(e.value), shown);
        } else {
            base.set(e.key, e.key_pos, std::move(e.value));
        }
    }
}

/// Reads `path` and, when it names an `include`, lays it over the included
/// file (itself read the same way, at most 8 files deep). Nodes keep the file
/// they came from, so data paths resolve against their own file's folder.
ConfigNode read_with_includes(const std::string& path, int depth, std::vector<std::string>& files) {
    files.push_back(path);
    ConfigNode tree = read_yaml_file(path);
    const ConfigEntry* include = tree.entry("include");
    if (!include) return tree;
    const ConfigNode& value = include->value;
    if (value.kind != ConfigNode::Kind::scalar || value.scalar.empty())
        throw config_error(value.pos, "include", "is " + value.describe() + "; expected the path of an experiment file");
    if (depth >= 8)
        throw config_error(value.pos, "include", "includes nest more than 8 files deep; expected a chain without a cycle");
    const std::filesystem::path given(value.scalar);
    const std::filesystem::path full = given.is_absolute() ? given : std::filesystem::path(path).parent_path() / given;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(full, ec))
        throw config_error(value.pos, "include", "cannot read '" + value.scalar + "' (looked for " + full.string() +
                                                     "); expected an experiment file, relative to this file's folder");
    ConfigNode base = read_with_includes(full.string(), depth + 1, files);
    std::erase_if(tree.entries, [](const ConfigEntry& e) { return e.key == "include"; });
    merge_into(base, std::move(tree));
    return base;
}

SourcePos flag_pos(const Override& o) {
    return SourcePos{std::make_shared<const std::string>("--set " + o.path + "=" + o.value), 0, 0};
}

}  // namespace

struct ExperimentFile::Impl {
    std::string path;
    ConfigNode tree;      ///< as written, --set applied, checked
    ConfigNode resolved;  ///< tree with the defaults filled in
    CsvTables csvs;       ///< data files, read once
    std::vector<std::string> inputs;  ///< the file, its includes and data files
    Experiment base;      ///< resolve({})
};

Override parse_override(const std::string& assignment) {
    const std::size_t eq = assignment.find('=');
    const SourcePos pos{std::make_shared<const std::string>("--set " + assignment), 0, 0};
    std::string key = assignment.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    if (eq == std::string::npos || key.empty())
        throw config_error(pos, key.empty() ? "--set" : key, "no key before '=' or no '='; expected KEY=VALUE, e.g. --set fund.max_leverage=4");
    return Override{key, assignment.substr(eq + 1)};
}

namespace {

/// The one boundary: anything not already a fundsim::Error becomes a one-line
/// ConfigError naming the file (yaml-cpp exceptions are converted earlier,
/// in yaml_source.cpp, with their position).
template <class F>
auto guarded(const std::string& path, F&& body) {
    try {
        return body();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw config_error(SourcePos{std::make_shared<const std::string>(path), 0, 0}, "",
                           std::string("could not read the experiment (") + e.what() + "); expected a valid experiment file");
    }
}

}  // namespace

ExperimentFile ExperimentFile::load(const std::string& path, const std::vector<Override>& sets) {
    return guarded(path, [&] {
        auto impl = std::make_unique<Impl>();
        impl->path = path;
        impl->tree = read_with_includes(path, 0, impl->inputs);
        for (const Override& o : sets) apply_override(impl->tree, o, flag_pos(o), false);
        check_tree(impl->tree);
        impl->resolved = impl->tree;
        fill_defaults(impl->resolved);
        impl->csvs = read_named_csvs(impl->resolved, path);
        for (const auto& [key, table] : impl->csvs) impl->inputs.push_back(table.file);
        impl->base = build_experiment(impl->resolved, path, impl->csvs);
        return ExperimentFile(std::move(impl));
    });
}

Experiment ExperimentFile::resolve(const std::vector<Override>& point) const {
    return guarded(impl_->path, [&] {
        if (point.empty()) return impl_->base;
        ConfigNode tree = impl_->tree;
        const ConfigNode* params = impl_->tree.at_path("sweep.parameters");
        for (const Override& o : point) {
            const ConfigEntry* entry = params ? params->entry(o.path) : nullptr;
            const SourcePos pos = entry ? entry->key_pos
                                        : SourcePos{std::make_shared<const std::string>("sweep point " + o.path + "=" + o.value), 0, 0};
            apply_override(tree, o, pos, true);
        }
        check_tree(tree);
        fill_defaults(tree);
        return build_experiment(tree, impl_->path, impl_->csvs);
    });
}

std::string ExperimentFile::resolved_yaml() const { return to_yaml_text(impl_->resolved); }

std::string ExperimentFile::resolved_json() const { return to_json_text(impl_->resolved); }

const std::string& ExperimentFile::path() const { return impl_->path; }
const std::vector<std::string>& ExperimentFile::input_files() const { return impl_->inputs; }

ConfigError ExperimentFile::error_at(const std::string& key_path, const std::string& what) const {
    for (std::string path = key_path; !path.empty(); path = path.substr(0, std::min(path.size(), path.rfind('.')))) {
        if (const ConfigNode* node = impl_->tree.at_path(path); node && node->pos.line > 0)
            return config_error(node->pos, key_path, what);
        if (path.find('.') == std::string::npos) break;
    }
    return config_error(SourcePos{std::make_shared<const std::string>(impl_->path), 0, 0}, key_path, what);
}

ExperimentFile::ExperimentFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ExperimentFile::ExperimentFile(ExperimentFile&&) noexcept = default;
ExperimentFile& ExperimentFile::operator=(ExperimentFile&&) noexcept = default;
ExperimentFile::~ExperimentFile() = default;

}  // namespace fundsim
