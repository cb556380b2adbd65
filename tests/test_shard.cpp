#include <doctest/doctest.h>

#include <cstdlib>

#include "engine/shard.hpp"
#include "world/error.hpp"

using namespace fundsim;

TEST_CASE("Shard.parses_I_of_N") {
    const Shard s = parse_shard("2/5");
    CHECK(s.index == 2);
    CHECK(s.count == 5);
    CHECK(s.text() == "2/5");
    for (const char* bad : {"0/3", "4/3", "1/0", "2", "a/b", "1/3x", "-1/3", ""})
        CHECK_THROWS_AS(parse_shard(bad), ConfigError);
}

TEST_CASE("Shard.every_block_belongs_to_exactly_one_shard") {
    for (std::uint32_t n : {1u, 2u, 3u, 7u}) {
        for (std::uint64_t g = 0; g < 50; ++g) {
            int owners = 0;
            for (std::uint32_t i = 1; i <= n; ++i) owners += Shard{i, n}.owns(g);
            CHECK(owners == 1);
        }
    }
}

TEST_CASE("Shard.reads_slurm_job_arrays") {
    ::unsetenv("SLURM_ARRAY_TASK_ID");
    CHECK_FALSE(shard_from_slurm().has_value());
    ::setenv("SLURM_ARRAY_TASK_ID", "5", 1);
    ::setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
    ::setenv("SLURM_ARRAY_TASK_MIN", "3", 1);
    const auto s = shard_from_slurm();
    REQUIRE(s.has_value());
    CHECK(s->index == 3);
    CHECK(s->count == 4);
    ::setenv("SLURM_ARRAY_TASK_ID", "9", 1);
    CHECK_THROWS_AS(shard_from_slurm(), ConfigError);
    ::unsetenv("SLURM_ARRAY_TASK_COUNT");
    CHECK_THROWS_AS(shard_from_slurm(), ConfigError);
    ::unsetenv("SLURM_ARRAY_TASK_ID");
    ::unsetenv("SLURM_ARRAY_TASK_MIN");
}
