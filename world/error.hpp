#pragma once
/// fundsim's error hierarchy. `main` catches these at one boundary: a
/// ConfigError exits 2 (bad input), everything else exits 1.
#include <stdexcept>
#include <string>

namespace fundsim {

/// Base of every fundsim error; what() is one line, ready to print.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad input: the experiment file, a data file, a flag. Message shape:
/// "FILE:LINE:COL: KEY.PATH: what was wrong; what was expected".
class ConfigError : public Error {
public:
    using Error::Error;
};

/// The model reached a state it cannot continue from (names world and step).
class ModelError : public Error {
public:
    using Error::Error;
};

/// Reading or writing result files failed.
class IoError : public Error {
public:
    using Error::Error;
};

}  // namespace fundsim
