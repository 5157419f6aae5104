-- Kontext (Context): population and area, the denominators of the per-inhabitant indicators.
{{ dimension_mart('context') }}
