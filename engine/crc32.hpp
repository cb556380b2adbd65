#pragma once
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, the value of zlib's
/// crc32 and boost::crc_32_type) of the block files' bodies. Slicing-by-8:
/// eight bytes per step through eight tables built at compile time, several
/// times faster than a byte-at-a-time table, with the same checksums.
/// Pure, thread-safe and deterministic.
#include <cstdint>
#include <string_view>

namespace fundsim {

/// The CRC-32 of `bytes` ("123456789" -> 0xCBF43926).
std::uint32_t crc32(std::string_view bytes);

}  // namespace fundsim
