#include "output/table_writer.hpp"

#include "output/csv.hpp"
#include "world/error.hpp"
#if FUNDSIM_WITH_HDF5
#include "output/hdf5_tables.hpp"
#endif

namespace fundsim {
namespace {

/// One `<name>.csv` per table; each file commits itself.
class CsvTableSet final : public TableSet {
public:
    explicit CsvTableSet(std::filesystem::path dir) : dir_(std::move(dir)) {}
    std::unique_ptr<TableWriter> open(const std::string& name, const std::vector<std::string>& header) override {
        names_ += (names_.empty() ? "" : " ") + name + ".csv";
        return std::make_unique<CsvWriter>(dir_ / (name + ".csv"), header);
    }
    void commit() override {}
    std::string file_names() const override { return names_; }

private:
    std::filesystem::path dir_;
    std::string names_;
};

}  // namespace

bool has_table_format(std::string_view format) {
    if (format == kCsvFormat) return true;
    return format == kHdf5Format && FUNDSIM_WITH_HDF5;
}

std::unique_ptr<TableSet> make_table_set(std::string_view format, const std::filesystem::path& dir,
                                         [[maybe_unused]] const std::string& attributes_json) {
    if (format == kCsvFormat) return std::make_unique<CsvTableSet>(dir);
#if FUNDSIM_WITH_HDF5
    if (format == kHdf5Format) return make_hdf5_table_set(dir, attributes_json);
#endif
    throw ConfigError("experiment.output.format: '" + std::string(format) +
                      "' is not built into this fundsim; expected csv (rebuild with libhdf5-dev for hdf5)");
}

}  // namespace fundsim
