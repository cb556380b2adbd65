#include "output/csv.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <cmath>
#include <vector>

#include "world/error.hpp"

namespace fundsim {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

}  // namespace

void append_number(std::string& out, double value) {
    if (std::isnan(value)) return;
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

void append_integer(std::string& out, std::int64_t value) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

void append_text(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void CsvWriter::open() {
    temp_ = path_;
    temp_ += ".tmp";
    file_ = std::fopen(temp_.c_str(), "wb");
    if (file_ == nullptr) throw IoError(temp_.string() + ": cannot create results file");
}

CsvWriter::CsvWriter(std::filesystem::path path, std::initializer_list<std::string_view> header)
    : path_(std::move(path)) {
    open();
    for (auto name : header) text(name);
    end_row();
}

CsvWriter::CsvWriter(std::filesystem::path path, const std::vector<std::string>& header)
    : path_(std::move(path)) {
    open();
    for (const auto& name : header) text(name);
    end_row();
}

CsvWriter::~CsvWriter() {
    if (file_ != nullptr) {
        std::fclose(file_);
        std::error_code ec;
        std::filesystem::remove(temp_, ec);  // not committed: leave nothing behind
    }
}

void CsvWriter::separator() {
    if (!is_row_start_) buffer_.push_back(',');
    is_row_start_ = false;
}

CsvWriter& CsvWriter::number(double value) {
    separator();
    append_number(buffer_, value);
    return *this;
}

CsvWriter& CsvWriter::integer(std::int64_t value) {
    separator();
    append_integer(buffer_, value);
    return *this;
}

CsvWriter& CsvWriter::count(double value) {
    if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9.0e15)
        return integer(static_cast<std::int64_t>(value));
    return number(value);
}

CsvWriter& CsvWriter::text(std::string_view value) {
    separator();
    append_text(buffer_, value);
    return *this;
}

CsvWriter& CsvWriter::empty() {
    separator();
    return *this;
}

void CsvWriter::end_row() {
    buffer_.push_back('\n');
    is_row_start_ = true;
    if (buffer_.size() >= kFlushBytes) flush_buffer();
}

void CsvWriter::flush_buffer() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
        throw IoError(temp_.string() + ": cannot write results file: " + std::strerror(errno));
    buffer_.clear();
}

void CsvWriter::commit() {
    flush_buffer();
    const bool is_ok = std::fflush(file_) == 0 && ::fsync(fileno(file_)) == 0;
    const int error = errno;
    const bool is_closed = std::fclose(file_) == 0;
    file_ = nullptr;
    std::error_code ec;
    if (!is_ok || !is_closed) {
        std::filesystem::remove(temp_, ec);  // nothing half-written stays behind
        throw IoError(temp_.string() + ": cannot write results file: " + std::strerror(is_ok ? errno : error));
    }
    std::filesystem::rename(temp_, path_, ec);
    if (ec) throw IoError(path_.string() + ": cannot move results file into place: " + ec.message());
}

}  // namespace fundsim
