"""Portfolio import: read a loan tape (XLSX or CSV), validate it as a whole, write it in bulk."""
