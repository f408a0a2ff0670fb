"""Reading what users give: files with size limits and encodings, YAML with positions, and
the ``PATH:LINE:COL`` problems every bad input is reported as. The lowest layer."""
