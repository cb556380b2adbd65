target_sources(fundsim_core PRIVATE
  engine/block.cpp
  engine/block_builder.cpp
  engine/block_store.cpp
  engine/interrupt.cpp
  engine/plan.cpp
  engine/runner.cpp
  engine/shard.cpp
  engine/world_columns.cpp
)
