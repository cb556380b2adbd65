list(APPEND FUNDSIM_TEST_SOURCES
  test_decision_rules.cpp
  test_investor.cpp
  test_negotiator.cpp
  test_sponsor.cpp
)
