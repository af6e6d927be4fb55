"""Pure comparisons across plan versions and plans: outline keys and diff, target diff,
alignment (规划衔接) and continuity (14th → 15th); no I/O (docs/comparison.md)."""
