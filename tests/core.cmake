# core/: the bottom layer (enum name tables).
list(APPEND FUNDSIM_TEST_SOURCES
  test_enum_names.cpp
)
