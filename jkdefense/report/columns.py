"""Column labels of the tables the pages show (column -> heading), in display order."""

THREATS = {
    "threat_name": "Threat",
    "actor_country_code": "Actor",
    "domain_type": "Domain",
    "affected_focus_type": "Aimed at",
    "trend_type": "Trend (judgment)",
    "severity_score": "Severity (1–5)",
    "severity_rationale": "Why this severity",
}
PROGRAMS = {
    "rank": "Rank",
    "program_name": "Program",
    "domain_type": "Domain",
    "kr_system_name": "South Korea",
    "kr_maker_name": "KR maker",
    "jp_system_name": "Japan",
    "jp_maker_name": "JP maker",
    "commonality_type": "Commonality",
    "commonality_note": "What is shared",
    "us_bridge_names": "US bridge",
    "weighted_score": "Weighted score",
}
PAIRINGS = {
    "kr_company_name": "Korean company",
    "jp_company_name": "Japanese company",
    "domain_type": "Domain",
    "program_names": "Programs",
    "bridge_names": "Bridge suppliers",
    "political_feasibility_score": "Political part (from program)",
    "pairing_score": "Score",
    "pairing_summary": "What they could do",
}
PATHWAY = {
    "step_order": "Step",
    "step_name": "Level or phase",
    "actor_description": "Who acts",
    "agency_names": "Agencies",
    "channel_note": "Channels",
    "program_names": "Programs",
    "step_goal": "Goal",
    "progress_type": "Progress (judgment)",
    "progress_note": "Since 2019",
}
DRIVERS = {
    "driver_order": "#",
    "driver_name": "Driver",
    "driver_type": "Kind",
    "article_argument": "The article argues",
    "since_note": "Since the article",
}
PRECEDENTS = {
    "precedent_name": "Program",
    "partners": "Partners",
    "lead_companies": "Builders",
    "workshare_note": "Workshare",
    "outcome_note": "Outcome",
    "lesson_note": "Lesson for Seoul and Tokyo",
    "fact_check": "Fact-check",
}
FEED = {
    "title": "Title",
    "author": "Author",
    "publisher": "Publisher",
    "date_published": "Published",
    "url": "Address",
    "sentence_count": "Sentences",
    "mention_count": "Entity mentions",
}
QUEUE = {
    "entity_count": "Entities",
    "sentence_id": "Sentence",
    "entities": "Known entities named",
    "text": "Text",
}
CHANGES = {
    "table": "Table",
    "change": "Change",
    "key": "Row key",
    "columns": "Columns changed",
}
CLAIMS = {
    "claim_summary": "Claim",
    "verdict_type": "Verdict",
    "correction_note": "What is right",
    "correct_name": "Right name",
    "changed_date": "Changed on",
    "evidence_quote": "Article says",
    "reference_url": "Reference",
    "reference_tier": "Tier",
}
DICTIONARY = {
    "table": "Table",
    "field": "Field",
    "type": "Type",
    "required": "Required",
    "key": "Key",
    "allowed_values": "Allowed values",
    "description": "Description",
}
RUBRICS = {
    "table_name": "Table",
    "criterion_name": "Judgment",
    "level": "Level",
    "level_name": "Name",
    "meaning": "What puts a row at this level",
    "example": "Example",
}
TIERS = {"tier": "Tier", "name": "Name", "meaning": "What counts"}
DO_NOT_CITE = {"url_pattern": "Address pattern", "category": "Why it is never cited"}
DISPUTED_NAMES = {"names": "Names", "note": "How to write them"}
