#pragma once
/// One checked table per enumeration: the enumerators and their names (in
/// the experiment file, the result files and the command line) come from a
/// single list, so adding a value is one line and no name can be missing,
/// misspelt in a second place, or duplicated.
///
/// An enum is declared from an X-macro list of its enumerators:
///
///     #define FUNDSIM_SWEEP_DESIGNS(X) X(grid) X(random) X(latin_hypercube) X(sobol)
///     FUNDSIM_NAMED_ENUM(SweepDesign, int, FUNDSIM_SWEEP_DESIGNS);
///
/// which defines `enum class SweepDesign : int { grid, random, ... }` and
/// EnumNames<SweepDesign>::names = {"grid", "random", ...}. (C++20 has no
/// reflection; an X-macro is the one way to say a list once.) Everything
/// here is constexpr, thread-safe and deterministic.
#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fundsim {

/// The names of enum E's enumerators in declaration order (specialised by
/// FUNDSIM_NAMED_ENUM; there is no primary definition).
template <class E>
struct EnumNames;

/// True when no two of `names` are equal and none is empty.
template <std::size_t N>
constexpr bool are_distinct_names(const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i].empty()) return false;
        for (std::size_t j = i + 1; j < N; ++j)
            if (names[i] == names[j]) return false;
    }
    return true;
}

/// Number of enumerators of E.
template <class E>
constexpr std::size_t enum_count() {
    return EnumNames<E>::names.size();
}

/// The name of `e` (e must be one of E's enumerators).
template <class E>
constexpr std::string_view enum_name(E e) {
    return EnumNames<E>::names[static_cast<std::size_t>(e)];
}

/// The enumerator named `name`, or nullopt.
template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) {
    for (std::size_t i = 0; i < enum_count<E>(); ++i)
        if (EnumNames<E>::names[i] == name) return static_cast<E>(i);
    return std::nullopt;
}

/// The enumerator named `name`, which the caller has already validated
/// (the schema check lists the same names): an unknown name here is a bug,
/// reported as std::logic_error naming `where`, never a silent default.
template <class E>
E enum_from_checked_name(std::string_view name, std::string_view where) {
    if (const std::optional<E> e = enum_from_name<E>(name)) return *e;
    throw std::logic_error(std::string(where) + ": '" + std::string(name) +
                           "' passed validation but names no enumerator (internal error)");
}

/// The names of E as a vector (for the schema's list of allowed values).
template <class E>
std::vector<std::string_view> enum_name_list() {
    return {EnumNames<E>::names.begin(), EnumNames<E>::names.end()};
}

}  // namespace fundsim

/// X-macro helpers: an enumerator, and its name as a string_view.
#define FUNDSIM_ENUMERATOR(name) name,
#define FUNDSIM_ENUM_NAME(name) std::string_view{#name},

/// Declares `enum class E : U` from the X-macro list LIST and its checked
/// name table EnumNames<E> (at namespace fundsim scope).
#define FUNDSIM_NAMED_ENUM(E, U, LIST)                                                           \
    enum class E : U { LIST(FUNDSIM_ENUMERATOR) };                                               \
    template <>                                                                                  \
    struct EnumNames<E> {                                                                        \
        static constexpr auto names = std::to_array<std::string_view>({LIST(FUNDSIM_ENUM_NAME)}); \
    };                                                                                           \
    static_assert(are_distinct_names(EnumNames<E>::names), #E ": names must be distinct")
