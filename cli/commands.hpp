#pragma once
/// The subcommands of `fundsim` (SPEC §5). Each returns the process exit
/// code (0 success, 1 failure, 2 bad input) or throws fundsim::Error, which
/// `main` turns into one line and an exit code.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fundsim {

class RankGroup;

/// `fundsim run` flags.
struct RunOptions {
    std::string file;                 ///< the experiment file
    std::optional<int> worlds;        ///< --worlds: replaces experiment.worlds
    std::optional<int> threads;       ///< --threads: default all cores
    std::string out;                  ///< --out: default experiment.output.dir
    std::vector<std::string> sets;    ///< --set K=V
    std::string shard;                ///< --shard I/N ("" = none)
    bool is_resume = false;           ///< --resume: continue the folder's run
    bool is_force = false;            ///< --force: replace the folder
    bool is_quiet = false;            ///< --quiet: no progress line
    bool is_force_size = false;       ///< --force-size: write results above the size limit
    std::string command_line;         ///< recorded in the manifest
    const RankGroup* ranks = nullptr; ///< MPI ranks sharing the run (engine/mpi_ranks.hpp); null: alone
};

/// `fundsim merge` flags.
struct MergeOptions {
    std::vector<std::string> parts;   ///< shard folders
    std::string out;                  ///< --out: the merged results folder
    bool is_force = false;            ///< --force: replace an existing folder
    bool is_quiet = false;            ///< --quiet: no summary line (merge shows no progress either way)
    std::string command_line;         ///< recorded in the manifest
};

/// `fundsim calibrate` flags.
struct CalibrateOptions {
    std::string file;                 ///< the experiment file, with a calibration: section
    std::optional<int> threads;       ///< --threads: default all cores
    std::string out;                  ///< --out: default runs/<name>-calibration
    std::vector<std::string> sets;    ///< --set K=V
    bool is_resume = false;           ///< --resume: continue after the last finished generation
    bool is_force = false;            ///< --force: replace the folder
    bool is_quiet = false;            ///< --quiet: no progress line
    std::string command_line;         ///< recorded in the manifest
};

/// Fits the calibration: parameters to its targets by ABC-SMC (docs/calibration.md).
int calibrate_command(const CalibrateOptions& options);

/// Runs an experiment (or a shard of it) into a results folder.
int run_command(const RunOptions& options);
/// Loads and resolves every sweep point; prints "ok: ...".
int validate_command(const std::string& file, const std::vector<std::string>& sets);
/// Prints the scenario as the engine sees it.
int describe_command(const std::string& file, const std::vector<std::string>& sets);
/// Prints the experiment schema table as Markdown (the text of configs/README.md).
int schema_command();
/// `fundsim export-graph` flags.
struct ExportGraphOptions {
    std::string file;                 ///< the experiment file
    std::vector<std::string> sets;    ///< --set K=V
    std::uint32_t point = 0;          ///< --point: sweep point (0-based)
    std::uint64_t world = 0;          ///< --world: world index (0-based)
    int step = 0;                     ///< --step: governments' state after this step (0: the start)
    std::string format = "graphml";   ///< --format: graphml | csv
    std::string out;                  ///< --out: GraphML file, or folder for csv
    bool is_force = false;            ///< --force: replace existing output files
};

/// Writes one world's agent graph (GraphML or CSV) for networkx or Gephi.
int export_graph_command(const ExportGraphOptions& options);
/// Merges shard folders into one results folder.
int merge_command(const MergeOptions& options);

/// `fundsim compare` flags.
struct CompareOptions {
    std::string run_a;                ///< the base run folder (A)
    std::string run_b;                ///< the changed run folder (B); differences are B − A
    std::string out;                  ///< --out: folder for compare_worlds.csv, compare_governments.csv ("" = none)
    bool is_quiet = false;            ///< --quiet: no summary on stdout
};

/// Compares two complete runs of the same seed, points and worlds, world by
/// world (common random numbers); exit 2 when they are not comparable.
int compare_command(const CompareOptions& options);

}  // namespace fundsim
