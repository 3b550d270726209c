"""The package's closed lists as readers see them: one meaning per word, everywhere."""

# The warfare domains, in the order every page and chart lists them.
DOMAIN_LABELS = {
    "land": "Land",
    "sea": "Sea",
    "undersea": "Undersea",
    "air": "Air",
    "missile": "Missile",
    "electronic": "Electronic warfare",
    "multi": "Cross-domain",
}
DOMAINS = tuple(DOMAIN_LABELS)
# Groups of domains the domain filter offers as one choice (a URL value too).
DOMAIN_GROUPS = {"maritime": ("sea", "undersea")}
DOMAIN_GROUP_LABELS = {"maritime": "Maritime (sea and undersea)"}
# What the domain filter offers: the groups, then each domain. None chosen: all.
DOMAIN_CHOICES = (*DOMAIN_GROUPS, *DOMAINS)

# Curated tables whose rows are entities the feed's sentences can name:
# table -> (key column, label column).
ENTITY_LABEL_COLUMNS = {
    "countries": ("country_code", "country_name"),
    "threats": ("threat_id", "threat_name"),
    "incidents": ("incident_id", "incident_name"),
    "programs": ("program_id", "program_name"),
    "companies": ("company_id", "company_short_name"),
    "agencies": ("agency_id", "agency_name"),
    "precedents": ("precedent_id", "precedent_name"),
}
