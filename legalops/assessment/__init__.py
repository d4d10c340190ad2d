"""Assessment: is the claim alive, what will it cost, what can it recover."""
