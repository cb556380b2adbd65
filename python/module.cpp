/// The compiled half of the Python package `fundsim` (fundsim._core): the
/// engine API (engine/run_experiment.hpp) for Python. python/fundsim/ wraps
/// it (DataFrames, tqdm, dict experiments); use that, not this.
///
/// Threads: the GIL is released while worlds run; the progress callback
/// takes it back on the calling thread about four times a second, checks for
/// Ctrl-C (PyErr_CheckSignals) and calls the Python progress function. A
/// pending KeyboardInterrupt (or an exception from that function) stops the
/// run: blocks in flight finish and are kept, then the exception propagates.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/prepare.hpp"
#include "engine/run_experiment.hpp"
#include "world/error.hpp"

namespace py = pybind11;

namespace {

using Sets = std::vector<std::pair<std::string, std::string>>;

std::vector<fundsim::Override> overrides_of(const Sets& sets) {
    std::vector<fundsim::Override> out;
    for (const auto& [path, value] : sets) out.push_back({path, value});
    return out;
}

fundsim::FolderMode folder_mode(const std::string& mode) {
    if (mode == "fresh") return fundsim::FolderMode::fresh;
    if (mode == "force") return fundsim::FolderMode::force;
    if (mode == "resume") return fundsim::FolderMode::resume;
    throw fundsim::ConfigError("folder: is '" + mode + "'; expected fresh, force or resume");
}

const char* ending_name(fundsim::RunEnding e) {
    switch (e) {
        case fundsim::RunEnding::complete: return "complete";
        case fundsim::RunEnding::shard_complete: return "shard_complete";
        case fundsim::RunEnding::interrupted: return "interrupted";
        case fundsim::RunEnding::already_complete: return "already_complete";
    }
    return "unknown";
}

/// Runs an experiment; `progress(phase, worlds_done, worlds_total)` is called
/// with the GIL held. Returns a dict describing the run.
py::dict run(const std::string& file, const Sets& sets, std::optional<int> worlds, std::optional<int> threads,
             const std::string& out, const std::string& folder, bool force_size, const std::string& command_line,
             const py::object& progress) {
    fundsim::RunRequest request;
    request.file = file;
    request.sets = overrides_of(sets);
    request.worlds = worlds;
    request.threads = threads;
    request.out = out;
    request.folder = folder_mode(folder);
    request.is_force_size = force_size;
    request.command_line = command_line;
    std::atomic<bool> stop{false};
    std::optional<py::error_already_set> pending;  // touched with the GIL held only
    request.should_stop = [&stop] { return stop.load(); };
    request.on_progress = [&](const fundsim::ExperimentProgress& p) {
        const py::gil_scoped_acquire gil;
        if (pending) return;
        try {
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
            if (!progress.is_none())
                progress(p.phase == fundsim::ExperimentProgress::Phase::computing ? "computing" : "writing",
                         p.worlds_done, p.worlds_total);
        } catch (py::error_already_set& e) {
            pending.emplace(std::move(e));
            stop.store(true);
        }
    };
    fundsim::RunResult result;
    {
        const py::gil_scoped_release no_gil;
        result = fundsim::run_experiment(request);
    }
    if (pending) throw std::move(*pending);
    py::dict d;
    d["ending"] = ending_name(result.ending);
    d["dir"] = result.dir.string();
    d["points"] = result.points;
    d["total_worlds"] = result.total_worlds;
    d["seconds"] = result.seconds;
    d["threads"] = result.threads;
    return d;
}

/// Loads and resolves every sweep point; returns (points, worlds in all).
py::tuple validate(const std::string& file, const Sets& sets) {
    const fundsim::PreparedExperiment prepared = fundsim::prepare_experiment(file, overrides_of(sets));
    return py::make_tuple(prepared.plan.points.size(), prepared.plan.total_worlds);
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "fundsim's engine (use the fundsim package, not this module)";
    m.attr("__version__") = FUNDSIM_VERSION;
    py::register_exception<fundsim::ConfigError>(m, "ConfigError", PyExc_ValueError);
    py::register_exception<fundsim::ModelError>(m, "ModelError", PyExc_RuntimeError);
    py::register_exception<fundsim::IoError>(m, "IoError", PyExc_OSError);
    m.def("run", &run, py::arg("file"), py::arg("sets"), py::arg("worlds"), py::arg("threads"), py::arg("out"),
          py::arg("folder"), py::arg("force_size"), py::arg("command_line"), py::arg("progress"),
          "Runs an experiment into the folder `out`; returns a dict (ending, dir, points, total_worlds, "
          "seconds, threads).");
    m.def("validate", &validate, py::arg("file"), py::arg("sets"),
          "Loads and resolves every sweep point; returns (points, worlds in all). Raises ConfigError.");
}
