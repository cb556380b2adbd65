#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine/block.hpp"
#include "engine/block_store.hpp"
#include "engine/world_columns.hpp"
#include "world/error.hpp"

using namespace fundsim;
namespace fs = std::filesystem;

namespace {

Block sample_block() {
    Block b;
    b.key = {2, 5};
    b.first_world = 5 * kBlockWorlds;
    b.world_count = 3;
    b.steps = 2;
    for (std::uint32_t i = 0; i < b.world_count * kWorldColumnCount; ++i) b.rows.push_back(i * 0.5 - 1);
    for (std::size_t i = 0; i < b.world_count * b.series_stride(); ++i) b.series.push_back(1.0 / (1.0 + i));
    b.trajectory.push_back({b.first_world, {1, 3, Status::member, 0.25, 0.1, 1e-9}});
    b.trajectory.push_back({b.first_world + 1, {2, 0, Status::exited, 0, 0.2, 3}});
    GovernmentSums g;
    g.members_final = 2, g.joined = 1, g.join_step_sum = 7, g.stake_usd_bn = 0.3, g.tariff_faced = 0.05;
    b.governments = {g, GovernmentSums{}};
    return b;
}

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(FUNDSIM_BINARY).parent_path() / "test-scratch" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TEST_CASE("Block.encodes_and_decodes_every_value_exactly") {
    const Block b = sample_block();
    const std::string bytes = encode_block(b, 0xABCDEF);
    CHECK(encode_block(b, 0xABCDEF) == bytes);  // deterministic
    const Block d = decode_block(bytes, 0xABCDEF, b.key, "test");
    CHECK(d.first_world == b.first_world);
    CHECK(d.world_count == b.world_count);
    CHECK(d.steps == b.steps);
    CHECK(d.rows == b.rows);
    CHECK(d.series == b.series);
    REQUIRE(d.trajectory.size() == 2);
    CHECK(d.trajectory[1].world == b.first_world + 1);
    CHECK(d.trajectory[1].row.status == Status::exited);
    CHECK(d.trajectory[0].row.revenue_usd_bn == 1e-9);
    REQUIRE(d.governments.size() == 2);
    CHECK(d.governments[0].join_step_sum == 7);
    CHECK(d.governments[0].stake_usd_bn == 0.3);
}

TEST_CASE("Block.rejects_damage_truncation_and_foreign_blocks") {
    const Block b = sample_block();
    const std::string bytes = encode_block(b, 1);
    CHECK(is_valid_block(bytes, 1, b.key));
    SUBCASE("a flipped byte") {
        std::string bad = bytes;
        bad[bad.size() / 2] ^= 0x10;
        CHECK_FALSE(is_valid_block(bad, 1, b.key));
        CHECK_THROWS_AS(decode_block(bad, 1, b.key, "x"), IoError);
    }
    SUBCASE("truncated") {
        CHECK_FALSE(is_valid_block(bytes.substr(0, bytes.size() - 1), 1, b.key));
        CHECK_FALSE(is_valid_block(bytes.substr(0, 10), 1, b.key));
        CHECK_FALSE(is_valid_block("", 1, b.key));
    }
    SUBCASE("another experiment") { CHECK_FALSE(is_valid_block(bytes, 2, b.key)); }
    SUBCASE("another block") { CHECK_FALSE(is_valid_block(bytes, 1, BlockKey{2, 6})); }
}

TEST_CASE("BlockStore.writes_atomically_and_lists_blocks") {
    const fs::path dir = scratch("block_store");
    const BlockStore store(dir);
    store.create();
    const Block b = sample_block();
    CHECK_FALSE(store.is_complete(b.key, 9));
    store.write(b, 9);
    CHECK(store.is_complete(b.key, 9));
    CHECK_FALSE(store.is_complete(b.key, 8));
    CHECK(store.read(b.key, 9).rows == b.rows);
    CHECK(fs::exists(store.path_of(b.key)));
    CHECK_FALSE(fs::exists(fs::path(store.path_of(b.key)).concat(".tmp")));
    std::ofstream(store.dir() / "p0_b0.bin.tmp") << "half";
    std::ofstream(store.dir() / "notes.txt") << "x";
    const auto keys = store.list();
    REQUIRE(keys.size() == 1);
    CHECK(keys[0] == b.key);
    store.create();  // a restart removes stale temporaries
    CHECK_FALSE(fs::exists(store.dir() / "p0_b0.bin.tmp"));
    CHECK_THROWS_AS(store.read(BlockKey{0, 0}, 9), IoError);
}

TEST_CASE("BlockStore.sync_makes_the_folder_durable_and_reports_a_missing_one") {
    // Blocks are written without a folder fsync each (at most one a second);
    // sync() is the one run_blocks makes at the end: it must reach the disk
    // or throw, never pass silently.
    const fs::path dir = scratch("block_store_sync");
    const BlockStore store(dir);
    store.create();
    const Block b = sample_block();
    store.write(b, 9);
    CHECK_NOTHROW(store.sync());
    CHECK(store.is_complete(b.key, 9));
    const BlockStore missing(dir / "nowhere");
    CHECK_THROWS_AS(missing.sync(), IoError);
}

TEST_CASE("BlockStore.parses_only_canonical_names") {
    CHECK(BlockStore::parse_name("p3_b12.bin") == std::optional<BlockKey>(BlockKey{3, 12}));
    CHECK_FALSE(BlockStore::parse_name("p03_b12.bin"));
    CHECK_FALSE(BlockStore::parse_name("p3_b12.bin.tmp"));
    CHECK_FALSE(BlockStore::parse_name("p3-b12.bin"));
    CHECK_FALSE(BlockStore::parse_name("plan.json"));
}

TEST_CASE("GovernmentSums.counts_end_states") {
    GovernmentSums s;
    GovernmentFinal founder;
    founder.status = Status::member, founder.is_founder = true, founder.stake_usd_bn = 2;
    GovernmentFinal joiner;
    joiner.status = Status::exited, joiner.join_step = 4, joiner.closed_deal = true, joiner.tariff_faced = 0.1;
    s.add(founder);
    s.add(joiner);
    CHECK(s.members_final == 1);
    CHECK(s.founders == 1);
    CHECK(s.exited == 1);
    CHECK(s.joined == 1);
    CHECK(s.join_step_sum == 4);
    CHECK(s.deals == 1);
    CHECK(s.stake_usd_bn == 2);
    CHECK(s.tariff_faced == 0.1);
}
