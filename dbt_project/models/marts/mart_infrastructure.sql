-- Infrastruktur (Infrastructure), report section 2.1.8.
{{ dimension_mart('infrastructure') }}
