-- Marknader (Markets), report section 2.1.11.
{{ dimension_mart('markets') }}
