-- Teknologi (Technology), report section 2.1.1.
{{ dimension_mart('technology') }}
