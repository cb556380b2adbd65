// The CSV reader for data files (experiment/csv_table.hpp).
#include <doctest/doctest.h>

#include "experiment/csv_table.hpp"
#include "world/error.hpp"

using namespace fundsim;

namespace {
std::string csv_error(std::string_view text) {
    try {
        parse_csv_text(text, "d.csv", "governments.from_csv");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("Csv.reads_header_quotes_and_positions") {
    const CsvTable t = parse_csv_text("\xEF\xBB\xBFid,name,gdp\r\nJPN,\"Japan, \"\"Nippon\"\"\",4027\r\n\r\nKOR,\"Korea\nRep.\",1712\n,,\n",
                                      "d.csv", "k");
    REQUIRE(t.header.size() == 3);
    CHECK(t.header[0].text == "id");
    CHECK(t.column("gdp") == 2);
    CHECK(t.column("nope") == -1);
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0][1].text == "Japan, \"Nippon\"");
    CHECK(t.rows[0][2].line == 2);
    CHECK(t.rows[0][2].column == 25);
    CHECK(t.rows[1][1].text == "Korea\nRep.");
    CHECK(t.rows[1][2].line == 5);
    CHECK(t.rows[1][2].column == 7);
    CHECK(t.rows[2][0].text.empty());
    CHECK(t.where(t.rows[1][2]) == "d.csv:5:7");
}

TEST_CASE("Csv.reports_bad_input_with_line_and_column") {
    CHECK(csv_error("") == "d.csv:1:1: governments.from_csv: the file is empty; expected a header row");
    CHECK(csv_error("a,b\n1,2,3\n").find("d.csv:2:1: governments.from_csv: a row of 3 fields; expected 2") == 0);
    CHECK(csv_error("a,b\n1,\"2\n").find("d.csv:2:3: ") == 0);
    CHECK(csv_error("a,b\n1,x\"y\n").find("d.csv:2:4: ") == 0);
    CHECK(csv_error("a,b\n1,\"x\"y\n").find("d.csv:2:6: ") == 0);
    CHECK(csv_error("a,a\n").find("d.csv:1:3: governments.from_csv: column 'a' appears twice") == 0);
    CHECK(csv_error("a,,b\n").find("d.csv:1:3: ") == 0);
    CHECK_THROWS_AS(read_csv_file("/nonexistent/x.csv", "k"), ConfigError);
}
