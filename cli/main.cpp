/// fundsim's command line: parses flags with CLI11, dispatches to a command,
/// and is the one boundary where errors become one line and an exit code
/// (0 success, 2 bad input, 1 anything else).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "engine/mpi_ranks.hpp"
#include "world/error.hpp"

namespace {

std::string joined_command_line(int argc, char** argv) {
    std::string line;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool is_plain = !arg.empty() && arg.find_first_of(" \t\"'\\$`") == std::string::npos;
        line += (i ? " " : "") + (is_plain ? arg : "'" + arg + "'");
    }
    return line;
}

bool g_is_error_printer = true;  // false on MPI ranks other than 0: rank 0 reports for all

int print_error(const std::string& message, int code) {
    if (g_is_error_printer) std::fprintf(stderr, "fundsim: error: %s\n", message.c_str());
    return code;
}

void add_set_option(CLI::App& command, std::vector<std::string>& sets) {
    command.add_option("--set", sets, "override a value: --set fund.max_leverage=4 (repeatable)")
        ->type_name("KEY=VALUE")->allow_extra_args(false);
}

}  // namespace

int main(int argc, char** argv) {
    const auto ranks = fundsim::start_ranks(argc, argv);  // MPI only when launched by mpirun/srun
    g_is_error_printer = ranks->is_root();
    CLI::App app{"fundsim: agent-based simulator of a joint sovereign wealth fund and the governments that may join it.\n"
                 "Write an experiment in YAML (configs/README.md), run it, read the CSVs in runs/."};
    app.set_version_flag("--version", std::string("fundsim ") + FUNDSIM_VERSION);
    app.require_subcommand(1);
    app.footer("Examples:\n  fundsim run configs/us_japan_fund.yaml\n  fundsim validate configs/us_japan_fund.yaml\n"
               "Run 'fundsim COMMAND --help' for the flags of a command.");

    fundsim::RunOptions run;
    auto* run_cmd = app.add_subcommand("run", "run an experiment: every sweep point, every world, results to a folder");
    run_cmd->add_option("file", run.file, "experiment file (YAML)")->required()->check(CLI::ExistingFile);
    run_cmd->add_option("--worlds", run.worlds, "worlds per point (replaces experiment.worlds)")->check(CLI::PositiveNumber);
    run_cmd->add_option("--threads", run.threads, "worker threads (default: all cores; at most 4 x the cores)")->check(CLI::PositiveNumber);
    run_cmd->add_option("--out", run.out, "results folder (default: experiment.output.dir)");
    add_set_option(*run_cmd, run.sets);
    run_cmd->add_option("--shard", run.shard, "compute part I of N (also read from SLURM_ARRAY_TASK_*); merge later")
        ->type_name("I/N");
    run_cmd->add_flag("--resume", run.is_resume, "continue an interrupted run in its folder");
    run_cmd->add_flag("--force", run.is_force, "replace an existing results folder");
    run_cmd->add_flag("--quiet,-q", run.is_quiet, "no progress line");
    run_cmd->add_flag("--force-size", run.is_force_size,
                      "write results estimated above the 500 MB limit (refused by default)");
    run_cmd->footer("Example:\n  fundsim run configs/us_japan_fund.yaml --worlds 500 --threads 4 --set fund.max_leverage=4\n"
                    "  fundsim run sweep.yaml --shard 2/8 --out runs/sweep-part2");

    std::string file;
    std::vector<std::string> sets;
    auto* validate_cmd = app.add_subcommand("validate", "check an experiment file and every sweep point; write nothing");
    validate_cmd->add_option("file", file, "experiment file (YAML)")->required()->check(CLI::ExistingFile);
    add_set_option(*validate_cmd, sets);
    validate_cmd->footer("Example:\n  fundsim validate configs/us_japan_fund.yaml --set experiment.worlds=10");

    auto* describe_cmd = app.add_subcommand("describe", "show the scenario as the engine sees it: agents, graph, events, sweep");
    describe_cmd->add_option("file", file, "experiment file (YAML)")->required()->check(CLI::ExistingFile);
    add_set_option(*describe_cmd, sets);
    describe_cmd->footer("Example:\n  fundsim describe configs/us_japan_fund.yaml");

    fundsim::MergeOptions merge;
    auto* merge_cmd = app.add_subcommand("merge", "join the shard folders of a run into one set of results");
    merge_cmd->add_option("parts", merge.parts, "shard folders (written by run --shard)")->required()->check(CLI::ExistingDirectory);
    merge_cmd->add_option("--out", merge.out, "merged results folder")->required();
    merge_cmd->add_flag("--force", merge.is_force, "replace an existing results folder");
    merge_cmd->add_flag("--quiet,-q", merge.is_quiet, "no summary line");
    merge_cmd->footer("Example:\n  fundsim merge runs/sweep-part1 runs/sweep-part2 --out runs/sweep");

    fundsim::CalibrateOptions calibrate;
    auto* calibrate_cmd = app.add_subcommand("calibrate", "fit the calibration: parameters to their targets (ABC-SMC)");
    calibrate_cmd->add_option("file", calibrate.file, "experiment file (YAML) with a calibration: section")
        ->required()->check(CLI::ExistingFile);
    calibrate_cmd->add_option("--threads", calibrate.threads, "worker threads (default: all cores)")->check(CLI::PositiveNumber);
    calibrate_cmd->add_option("--out", calibrate.out, "results folder (default: runs/<name>-calibration)");
    add_set_option(*calibrate_cmd, calibrate.sets);
    calibrate_cmd->add_flag("--resume", calibrate.is_resume, "continue after the last finished generation");
    calibrate_cmd->add_flag("--force", calibrate.is_force, "replace an existing results folder");
    calibrate_cmd->add_flag("--quiet,-q", calibrate.is_quiet, "no progress line");
    calibrate_cmd->footer("Example:\n  fundsim calibrate configs/validation/bass_calibration.yaml --threads 2\n"
                          "  fundsim calibrate FILE.yaml --resume --set calibration.generations=8");

    fundsim::ExportGraphOptions graph;
    auto* graph_cmd = app.add_subcommand("export-graph", "write one world's agent graph (agents, kinds, attributes, ties)");
    graph_cmd->add_option("file", graph.file, "experiment file (YAML)")->required()->check(CLI::ExistingFile);
    graph_cmd->add_option("--world", graph.world, "world index, from 0 (default 0)")->check(CLI::NonNegativeNumber);
    graph_cmd->add_option("--point", graph.point, "sweep point, from 0 (default 0)")->check(CLI::NonNegativeNumber);
    graph_cmd->add_option("--step", graph.step,
                          "governments' state (status, stake, tariff_faced, revenue) after this step; 0 = the start (default)");
    graph_cmd->add_flag("--force", graph.is_force, "replace existing output files (never an input of the experiment)");
    graph_cmd->add_option("--format", graph.format, "graphml (networkx, Gephi) or csv (a folder with nodes.csv, edges.csv)")
        ->check(CLI::IsMember({"graphml", "csv"}));
    graph_cmd->add_option("--out", graph.out, "output file (graphml) or folder (csv)")->required();
    add_set_option(*graph_cmd, graph.sets);
    graph_cmd->footer("Example:\n  fundsim export-graph configs/us_japan_fund.yaml --world 3 --step 12 --format graphml --out world3.graphml\n"
                      "  python3 -c \"import networkx as nx; g = nx.read_graphml('world3.graphml'); print(g)\"");

    auto* schema_cmd = app.add_subcommand(
        "schema", "print every experiment key with type, unit, range, default and description (Markdown, as configs/README.md)");
    schema_cmd->footer("Example:\n  fundsim schema | grep behavior.logit");

    fundsim::CompareOptions compare;
    auto* compare_cmd = app.add_subcommand(
        "compare", "differences B - A of every outcome of two runs with the same seed, paired world by world");
    compare_cmd->add_option("run_a", compare.run_a, "base results folder (A)")->required()->check(CLI::ExistingDirectory);
    compare_cmd->add_option("run_b", compare.run_b, "changed results folder (B)")->required()->check(CLI::ExistingDirectory);
    compare_cmd->add_option("--out", compare.out, "write compare_worlds.csv and compare_governments.csv here");
    compare_cmd->add_flag("--quiet,-q", compare.is_quiet, "no summary on stdout");
    compare_cmd->footer("Example (why do governments join? knock the peer term out):\n"
                        "  fundsim run configs/us_japan_fund.yaml --out runs/base\n"
                        "  fundsim run configs/us_japan_fund.yaml --set behavior.logit.peer=0 --out runs/no_peer\n"
                        "  fundsim compare runs/base runs/no_peer --out runs/base_vs_no_peer");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        return print_error(std::string(e.what()) + " (see fundsim --help)", 2);
    }
    const std::string command_line = joined_command_line(argc, argv);
    if (ranks->size() > 1 && !run_cmd->parsed())
        return print_error("only 'fundsim run' shares its work between MPI ranks; start this command without mpirun", 2);
    try {
        if (run_cmd->parsed()) {
            run.command_line = command_line;
            run.ranks = ranks.get();
            return fundsim::run_command(run);
        }
        if (validate_cmd->parsed()) return fundsim::validate_command(file, sets);
        if (describe_cmd->parsed()) return fundsim::describe_command(file, sets);
        if (graph_cmd->parsed()) return fundsim::export_graph_command(graph);
        if (calibrate_cmd->parsed()) {
            calibrate.command_line = command_line;
            return fundsim::calibrate_command(calibrate);
        }
        if (compare_cmd->parsed()) return fundsim::compare_command(compare);
        if (schema_cmd->parsed()) return fundsim::schema_command();
        merge.command_line = command_line;
        return fundsim::merge_command(merge);
    } catch (const fundsim::QuietExit& e) {
        return e.exit_code();
    } catch (const fundsim::ConfigError& e) {
        return print_error(e.what(), 2);
    } catch (const std::exception& e) {
        return print_error(e.what(), 1);
    } catch (...) {
        return print_error("unknown failure", 1);
    }
}
