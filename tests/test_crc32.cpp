// CRC-32 of block bodies (engine/crc32.hpp): the standard check value, and
// the same checksum as Boost's byte-at-a-time CRC at every length and
// alignment (block files written before the change stay valid).
#include <doctest/doctest.h>

#include <boost/crc.hpp>

#include <string>

#include "engine/crc32.hpp"

using namespace fundsim;

TEST_CASE("Crc32.gives_the_standard_check_value") {
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("") == 0u);
}

TEST_CASE("Crc32.equals_boosts_crc_32_at_every_length_and_alignment") {
    std::string bytes(1100, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
    for (std::size_t offset = 0; offset < 8; ++offset)
        for (std::size_t length = 0; length + offset <= bytes.size(); length += (length < 40 ? 1 : 97)) {
            CAPTURE(offset);
            CAPTURE(length);
            boost::crc_32_type reference;
            reference.process_bytes(bytes.data() + offset, length);
            CHECK(crc32(std::string_view(bytes.data() + offset, length)) == reference.checksum());
        }
}
