list(APPEND FUNDSIM_TEST_SOURCES
  test_accounting.cpp
  test_events.cpp
  test_fund.cpp
  test_graph.cpp
  test_random.cpp
  test_trade.cpp
  test_world.cpp
  test_founding.cpp
  test_behaviour_contract.cpp
  test_join_channels.cpp
)
