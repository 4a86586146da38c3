"""Translation memory (TMX-shaped units in the glossary's database). Not built yet."""
