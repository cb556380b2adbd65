#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "output/csv.hpp"

using namespace fundsim;
namespace fs = std::filesystem;

namespace {

std::string number(double v) {
    std::string s;
    append_number(s, v);
    return s;
}

std::string text(std::string_view v) {
    std::string s;
    append_text(s, v);
    return s;
}

}  // namespace

TEST_CASE("CsvWriter.numbers_are_shortest_round_trip_with_a_dot") {
    CHECK(number(3.0) == "3");
    CHECK(number(-2.0) == "-2");
    CHECK(number(0.1) == "0.1");
    CHECK(number(1234567.25) == "1234567.25");
    CHECK(number(1e-7) == "1e-07");
    CHECK(number(std::numeric_limits<double>::quiet_NaN()).empty());
    for (double v : {1.0 / 3.0, 2.0 / 7.0 * 1e10, 5e-324, 1.7976931348623157e308})
        CHECK(std::strtod(number(v).c_str(), nullptr) == v);
}

TEST_CASE("CsvWriter.text_is_quoted_only_when_needed") {
    CHECK(text("USA") == "USA");
    CHECK(text("a,b") == "\"a,b\"");
    CHECK(text("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(text("[USA, JPN]") == "\"[USA, JPN]\"");
}

TEST_CASE("CsvWriter.writes_counts_without_decimal_point_and_missing_as_empty") {
    const fs::path dir = fs::path(FUNDSIM_BINARY).parent_path() / "test-scratch" / "csv_writer";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        CsvWriter w(dir / "t.csv", {"point", "n", "mean", "first_join_step", "id"});
        w.integer(0).count(12.0).number(0.5).empty().text("JPN");
        w.end_row();
        w.integer(1).count(2.5).number(std::numeric_limits<double>::quiet_NaN()).integer(-1).text("x,y");
        w.end_row();
        CHECK_FALSE(fs::exists(dir / "t.csv"));  // not visible before commit
        w.commit();
    }
    std::ifstream in(dir / "t.csv");
    std::stringstream content;
    content << in.rdbuf();
    CHECK(content.str() == "point,n,mean,first_join_step,id\n0,12,0.5,,JPN\n1,2.5,,-1,\"x,y\"\n");
    CHECK_FALSE(fs::exists(dir / "t.csv.tmp"));
}

TEST_CASE("CsvWriter.leaves_nothing_when_not_committed") {
    const fs::path dir = fs::path(FUNDSIM_BINARY).parent_path() / "test-scratch" / "csv_abandoned";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        CsvWriter w(dir / "t.csv", {"a"});
        w.integer(1).end_row();
    }
    CHECK(fs::is_empty(dir));
}
