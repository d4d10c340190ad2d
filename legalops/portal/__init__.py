"""The law-firm portal: firm updates waiting in counsel's review queue, and the firms' API tokens."""
