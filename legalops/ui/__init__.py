"""View helpers shared by every domain's blueprint (below the domains, so each may use them)."""
