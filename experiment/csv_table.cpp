#include "experiment/csv_table.hpp"

#include <fstream>
#include <set>

namespace fundsim {

int CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i].text == name) return static_cast<int>(i);
    return -1;
}

std::string CsvTable::where(const CsvCell& cell) const {
    return file + ":" + std::to_string(cell.line) + ":" + std::to_string(cell.column);
}

ConfigError CsvTable::error(const CsvCell& cell, std::string_view what) const {
    std::string message = where(cell) + ": " + key_path + ": " + std::string(what);
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';
    return ConfigError(message);
}

namespace {

/// Splits text into records of cells, tracking line and column.
class CsvScanner {
public:
    CsvScanner(std::string_view text, CsvTable& table) : text_(text), table_(table) {
        if (text_.starts_with("\xEF\xBB\xBF")) {
            text_.remove_prefix(3);
            bom_ = 3;
        }
    }

    /// Reads the next record into `out`; false at the end of the text.
    bool next(std::vector<CsvCell>& out) {
        out.clear();
        while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) newline();  // blank lines
        if (pos_ >= text_.size()) return false;
        for (;;) {
            out.push_back(field());
            if (pos_ >= text_.size()) return true;
            if (text_[pos_] == ',') {
                advance();
                continue;
            }
            newline();
            return true;
        }
    }

private:
    CsvCell here() const { return CsvCell{{}, line_, static_cast<int>(pos_ - line_start_) + 1 + (line_ == 1 ? bom_ : 0)}; }
    void advance() { ++pos_; }
    void newline() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }

    CsvCell field() {
        CsvCell cell = here();
        if (pos_ < text_.size() && text_[pos_] == '"') {
            advance();
            for (;;) {
                if (pos_ >= text_.size())
                    throw table_.error(cell, "unterminated quoted field; expected a closing '\"'");
                const char c = text_[pos_];
                if (c == '"') {
                    if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                        cell.text += '"';
                        pos_ += 2;
                        continue;
                    }
                    advance();
                    break;
                }
                if (c == '\n' || c == '\r') {
                    cell.text += '\n';
                    newline();
                    continue;
                }
                cell.text += c;
                advance();
            }
            if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
                throw table_.error(here(), "text after a closing quote; expected ',' or the end of the line");
            return cell;
        }
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
            if (text_[pos_] == '"')
                throw table_.error(here(), "a quote inside an unquoted field; expected the whole field in quotes with \"\" for a quote");
            cell.text += text_[pos_];
            advance();
        }
        return cell;
    }

    std::string_view text_;
    CsvTable& table_;
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 1;
    int bom_ = 0;
};

}  // namespace

CsvTable parse_csv_text(std::string_view text, const std::string& file, const std::string& key_path) {
    CsvTable table;
    table.file = file;
    table.key_path = key_path;
    CsvScanner scanner(text, table);
    if (!scanner.next(table.header))
        throw table.error(CsvCell{{}, 1, 1}, "the file is empty; expected a header row");
    std::set<std::string> names;
    for (CsvCell& name : table.header) {
        while (!name.text.empty() && (name.text.back() == ' ' || name.text.back() == '\t')) name.text.pop_back();
        while (!name.text.empty() && (name.text.front() == ' ' || name.text.front() == '\t')) name.text.erase(0, 1);
        if (name.text.empty()) throw table.error(name, "an empty column name; expected a name in every header cell");
        if (!names.insert(name.text).second)
            throw table.error(name, "column '" + name.text + "' appears twice; expected unique column names");
    }
    std::vector<CsvCell> row;
    while (scanner.next(row)) {
        if (row.size() != table.header.size())
            throw table.error(row.front(), "a row of " + std::to_string(row.size()) + " fields; expected " +
                                               std::to_string(table.header.size()) + " as in the header");
        table.rows.push_back(row);
    }
    return table;
}

CsvTable read_csv_file(const std::string& path, const std::string& key_path) {
    const CsvCell start{{}, 1, 1};
    CsvTable probe;
    probe.file = path;
    probe.key_path = key_path;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw probe.error(start, "cannot open the file; expected a readable CSV file");
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxCsvBytes)
            throw probe.error(start, "file larger than " + std::to_string(kMaxCsvBytes >> 20) + " MiB; expected a smaller CSV file");
    }
    if (in.bad()) throw probe.error(start, "read error; expected a readable CSV file");
    return parse_csv_text(text, path, key_path);
}

}  // namespace fundsim
