"""``tollwatch eval``. (Being built.)"""
