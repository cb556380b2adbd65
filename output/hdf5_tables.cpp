#include "output/hdf5_tables.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

/// Rows per chunk, and per write: every write but a table's last fills whole
/// chunks, so no chunk cache is needed (memory: one chunk per column).
constexpr hsize_t kChunkRows = 2048;

/// Owns an HDF5 identifier; closes it with `close`.
struct Handle {
    hid_t id = -1;
    herr_t (*close)(hid_t) = nullptr;
    Handle() = default;
    Handle(hid_t i, herr_t (*c)(hid_t), const std::string& what) : id(i), close(c) {
        if (id < 0) throw IoError("HDF5: cannot " + what);
    }
    Handle(Handle&& o) noexcept : id(o.id), close(o.close) { o.id = -1; }
    Handle& operator=(Handle&& o) noexcept {
        std::swap(id, o.id);
        std::swap(close, o.close);
        return *this;
    }
    ~Handle() {
        if (id >= 0 && close) close(id);
    }
};

void check(herr_t status, const std::string& what) {
    if (status < 0) throw IoError("HDF5: cannot " + what);
}

Handle text_type() {
    Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "make a string type");
    check(H5Tset_size(t.id, H5T_VARIABLE), "size a string type");
    check(H5Tset_cset(t.id, H5T_CSET_UTF8), "set UTF-8");
    return t;
}

/// Writes a string attribute (or an array of strings) on `object`.
void write_text_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values,
                          bool is_array) {
    const Handle type = text_type();
    const hsize_t n = values.size();
    const Handle space = is_array ? Handle(H5Screate_simple(1, &n, nullptr), H5Sclose, "make a space")
                                  : Handle(H5Screate(H5S_SCALAR), H5Sclose, "make a space");
    const Handle attr(H5Acreate2(object, name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                      "create attribute " + name);
    std::vector<const char*> pointers;
    for (const auto& v : values) pointers.push_back(v.c_str());
    check(H5Awrite(attr.id, type.id, pointers.data()), "write attribute " + name);
}

/// Creation properties without timestamps (byte-identical files).
Handle untimed(hid_t property_class) {
    Handle p(H5Pcreate(property_class), H5Pclose, "make properties");
    check(H5Pset_obj_track_times(p.id, false), "turn off timestamps");
    return p;
}

/// The open file shared by the tables.
struct Hdf5File {
    fs::path path, temp;
    Handle file;
};

class Hdf5Table final : public TableWriter {
public:
    Hdf5Table(std::shared_ptr<Hdf5File> file, const std::string& name, const std::vector<std::string>& header)
        : file_(std::move(file)) {
        const Handle gcpl = untimed(H5P_GROUP_CREATE);
        group_ = Handle(H5Gcreate2(file_->file.id, name.c_str(), H5P_DEFAULT, gcpl.id, H5P_DEFAULT), H5Gclose,
                        "create group " + name);
        write_text_attribute(group_.id, "columns", header, true);
        columns_.resize(header.size());
        for (std::size_t i = 0; i < header.size(); ++i) columns_[i].name = header[i];
    }

    TableWriter& number(double value) override { return real(value); }
    TableWriter& count(double value) override { return real(value); }
    TableWriter& empty() override { return real(std::nan("")); }
    TableWriter& integer(std::int64_t value) override {
        Column& c = next(Kind::integer);
        if (c.kind == Kind::real) c.reals.push_back(static_cast<double>(value));
        else c.ints.push_back(value);
        return *this;
    }
    TableWriter& text(std::string_view value) override {
        next(Kind::text).texts.emplace_back(value);
        return *this;
    }
    void end_row() override {
        if (cell_ != columns_.size()) throw IoError("HDF5: a row with the wrong number of cells");
        cell_ = 0;
        if (++buffered_ == kChunkRows) flush();
    }
    void commit() override {
        flush();
        for (Column& c : columns_) {
            if (c.dataset.id < 0) create(c);  // an empty table still has its columns
            c.dataset = Handle();
        }
        group_ = Handle();
    }

private:
    enum class Kind { unset, integer, real, text };
    struct Column {
        std::string name;
        Kind kind = Kind::unset;
        std::vector<std::int64_t> ints;
        std::vector<double> reals;
        std::vector<std::string> texts;
        Handle dataset;
        hsize_t rows = 0;
    };

    TableWriter& real(double value) {
        Column& c = next(Kind::real);
        if (c.kind == Kind::integer) throw IoError("HDF5: column " + c.name + " mixes integers and reals");
        c.reals.push_back(value);
        return *this;
    }

    Column& next(Kind kind) {
        if (cell_ >= columns_.size()) throw IoError("HDF5: a row with too many cells");
        Column& c = columns_[cell_++];
        if (c.kind == Kind::unset) c.kind = kind;
        if ((c.kind == Kind::text) != (kind == Kind::text))
            throw IoError("HDF5: column " + c.name + " mixes text and numbers");
        return c;
    }

    hid_t memory_type(const Column& c, const Handle& text) const {
        return c.kind == Kind::integer ? H5T_NATIVE_INT64 : c.kind == Kind::text ? text.id : H5T_NATIVE_DOUBLE;
    }

    void create(Column& c) {
        if (c.kind == Kind::unset) c.kind = Kind::real;
        const hsize_t zero = 0, unlimited = H5S_UNLIMITED;
        const Handle space(H5Screate_simple(1, &zero, &unlimited), H5Sclose, "make a space");
        const Handle dcpl = untimed(H5P_DATASET_CREATE);
        check(H5Pset_chunk(dcpl.id, 1, &kChunkRows), "chunk " + c.name);
        if (c.kind != Kind::text) check(H5Pset_shuffle(dcpl.id), "shuffle " + c.name);
        check(H5Pset_deflate(dcpl.id, 4), "compress " + c.name);
        const Handle text = text_type();
        const hid_t type = c.kind == Kind::integer ? H5T_STD_I64LE : c.kind == Kind::text ? text.id : H5T_IEEE_F64LE;
        const Handle dapl(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose, "make properties");
        check(H5Pset_chunk_cache(dapl.id, 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), "turn off the chunk cache");
        c.dataset = Handle(H5Dcreate2(group_.id, c.name.c_str(), type, space.id, H5P_DEFAULT, dcpl.id, dapl.id),
                           H5Dclose, "create dataset " + c.name);
    }

    void flush() {
        if (buffered_ == 0) return;
        const Handle text = text_type();
        for (Column& c : columns_) {
            if (c.dataset.id < 0) create(c);
            const hsize_t total = c.rows + buffered_;
            check(H5Dset_extent(c.dataset.id, &total), "extend " + c.name);
            const Handle file_space(H5Dget_space(c.dataset.id), H5Sclose, "get a space");
            check(H5Sselect_hyperslab(file_space.id, H5S_SELECT_SET, &c.rows, nullptr, &buffered_, nullptr),
                  "select rows of " + c.name);
            const Handle memory_space(H5Screate_simple(1, &buffered_, nullptr), H5Sclose, "make a space");
            std::vector<const char*> pointers;
            const void* data = c.kind == Kind::integer ? static_cast<const void*>(c.ints.data())
                                                       : static_cast<const void*>(c.reals.data());
            if (c.kind == Kind::text) {
                for (const auto& t : c.texts) pointers.push_back(t.c_str());
                data = pointers.data();
            }
            check(H5Dwrite(c.dataset.id, memory_type(c, text), memory_space.id, file_space.id, H5P_DEFAULT, data),
                  "write " + c.name);
            c.rows = total;
            c.ints.clear();
            c.reals.clear();
            c.texts.clear();
        }
        buffered_ = 0;
    }

    std::shared_ptr<Hdf5File> file_;
    Handle group_;
    std::vector<Column> columns_;
    std::size_t cell_ = 0;
    hsize_t buffered_ = 0;
};

class Hdf5TableSet final : public TableSet {
public:
    Hdf5TableSet(const fs::path& dir, const std::string& attributes_json) : file_(std::make_shared<Hdf5File>()) {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become IoError, not stderr dumps
        // HDF5 keeps freed blocks on free lists (default: up to 64 MB); a few MB keep memory flat.
        H5set_free_list_limits(1 << 20, 1 << 18, 1 << 20, 1 << 18, 4 << 20, 1 << 20);
        file_->path = dir / "results.h5";
        file_->temp = dir / "results.h5.tmp";
        const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "make properties");
        H5AC_cache_config_t cache;
        cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
        check(H5Pget_mdc_config(fapl.id, &cache), "read the metadata cache settings");
        cache.set_initial_size = true;  // the tables' metadata is small: 256 kB, not 2 MB
        cache.initial_size = 256 * 1024;
        cache.min_size = 128 * 1024;
        cache.max_size = 1024 * 1024;
        check(H5Pset_mdc_config(fapl.id, &cache), "size the metadata cache");
        file_->file = Handle(H5Fcreate(file_->temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id), H5Fclose,
                             "create " + file_->temp.string());
        const auto attributes = nlohmann::json::parse(attributes_json);
        for (const auto& [key, value] : attributes.items())
            write_text_attribute(file_->file.id, key, {value.is_string() ? value.get<std::string>() : value.dump()},
                                 false);
    }
    ~Hdf5TableSet() override {
        if (file_->file.id < 0) return;
        file_->file = Handle();
        std::error_code ec;
        fs::remove(file_->temp, ec);  // not committed: leave nothing behind
    }

    std::unique_ptr<TableWriter> open(const std::string& name, const std::vector<std::string>& header) override {
        return std::make_unique<Hdf5Table>(file_, name, header);
    }

    void commit() override {
        check(H5Fflush(file_->file.id, H5F_SCOPE_GLOBAL), "flush " + file_->temp.string());
        file_->file = Handle();
        const int fd = ::open(file_->temp.c_str(), O_RDONLY);
        const bool is_synced = fd >= 0 && ::fsync(fd) == 0;
        if (fd >= 0) ::close(fd);
        if (!is_synced) throw IoError(file_->temp.string() + ": cannot write results file");
        std::error_code ec;
        fs::rename(file_->temp, file_->path, ec);
        if (ec) throw IoError(file_->path.string() + ": cannot move results file into place: " + ec.message());
    }

    std::string file_names() const override { return "results.h5"; }

private:
    std::shared_ptr<Hdf5File> file_;
};

}  // namespace

std::unique_ptr<TableSet> make_hdf5_table_set(const fs::path& dir, const std::string& attributes_json) {
    return std::make_unique<Hdf5TableSet>(dir, attributes_json);
}

}  // namespace fundsim
