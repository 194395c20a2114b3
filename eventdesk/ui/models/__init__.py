"""Qt item models: adapters over the rows that services return, with named custom roles."""
